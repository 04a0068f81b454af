// SPDX-License-Identifier: MIT
/*
 * empty_source.c - source.rseqprof.empty: one output port, no message.
 * The source of a report whose sink reads the trace through its decoding
 * workers (the "jobs" parameter, rp_workers.h): a babeltrace2 graph needs
 * a source, and the sink's input port a connection.
 */
#include "report.h"

bt_component_class_initialize_method_status
rp_empty_init(bt_self_component_source *self,
	      bt_self_component_source_configuration *config __attribute__((unused)),
	      const bt_value *params __attribute__((unused)),
	      void *data __attribute__((unused)))
{
	if (bt_self_component_source_add_output_port(self, "out", NULL, NULL) !=
	    BT_SELF_COMPONENT_ADD_PORT_STATUS_OK)
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
}

bt_message_iterator_class_next_method_status
rp_empty_next(bt_self_message_iterator *iter __attribute__((unused)),
	      bt_message_array_const msgs __attribute__((unused)),
	      uint64_t capacity __attribute__((unused)), uint64_t *count)
{
	*count = 0;
	return BT_MESSAGE_ITERATOR_CLASS_NEXT_METHOD_STATUS_END;
}
