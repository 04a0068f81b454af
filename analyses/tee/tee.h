/* SPDX-License-Identifier: MIT */
/*
 * tee.h - filter.rseqprof.tee: one input, N outputs that each see every
 * message, so that several rseqprof sinks share one decoding pass of a
 * trace (babeltrace2 2.0 has no tee of its own).
 */
#ifndef RSEQPROF_TEE_H
#define RSEQPROF_TEE_H

#include <babeltrace2/babeltrace.h>

#define TEE_DESCRIPTION \
	"Give every message of the input to each of N output ports (out0, out1, ...), " \
	"so that several sinks read one decoding pass."
#define TEE_HELP "Parameter: outputs (number of output ports, 1 to 16, default 2)."

bt_component_class_initialize_method_status
tee_init(bt_self_component_filter *self,
	 bt_self_component_filter_configuration *config,
	 const bt_value *params, void *init_method_data);
void tee_finalize(bt_self_component_filter *self);

bt_message_iterator_class_initialize_method_status
tee_msg_iter_init(bt_self_message_iterator *self_iter,
		  bt_self_message_iterator_configuration *config,
		  bt_self_component_port_output *port);
void tee_msg_iter_finalize(bt_self_message_iterator *self_iter);
bt_message_iterator_class_next_method_status
tee_msg_iter_next(bt_self_message_iterator *self_iter,
		  bt_message_array_const msgs, uint64_t capacity,
		  uint64_t *count);

#endif /* RSEQPROF_TEE_H */
