// SPDX-License-Identifier: MIT
/*
 * tee.c - filter.rseqprof.tee.
 *
 * The first downstream iterator creates the one upstream iterator.  Whichever
 * output iterator finds its queue empty pulls the next batch upstream, keeps
 * what fits and queues a reference to every message for each other open
 * output.  babeltrace2 runs its sinks in turn, so the queues stay about one
 * batch long.  An output whose iterator is finalized (its sink stopped
 * early) stops receiving.  Messages are immutable once emitted: sharing them
 * between downstream iterators only takes references.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "tee.h"

#define TEE_MAX_OUTPUTS	16

/**
 * struct tee_queue - the messages an output has not taken yet
 * @msgs:	owned references, ring buffer of @cap entries
 * @head, @len:	first entry and count
 * @open:	an iterator reads this output
 */
struct tee_queue {
	const bt_message **msgs;
	size_t cap, head, len;
	bool open;
};

/**
 * struct tee - private data of one filter.rseqprof.tee component
 * @self_comp:	borrowed: the component
 * @self_filter:	borrowed: the same, as a filter
 * @nr_outputs:	output ports out0 .. out<nr_outputs - 1>
 * @upstream:	owned: the input port's iterator, shared by the outputs
 * @ended:	@upstream returned END
 * @queues:	per output
 */
struct tee {
	bt_self_component *self_comp;
	bt_self_component_filter *self_filter;
	unsigned int nr_outputs;
	bt_message_iterator *upstream;
	bool ended;
	struct tee_queue queues[TEE_MAX_OUTPUTS];
};

/* Private data of one output iterator: which output it reads. */
struct tee_iter {
	struct tee *tee;
	unsigned int port;
};

static int tee_queue_push(struct tee_queue *q, const bt_message *msg)
{
	if (q->len == q->cap) {
		size_t ncap = q->cap ? q->cap * 2 : 256, i;
		const bt_message **n = malloc(ncap * sizeof(*n));

		if (!n)
			return -1;
		for (i = 0; i < q->len; i++)
			n[i] = q->msgs[(q->head + i) % q->cap];
		free(q->msgs);
		q->msgs = n;
		q->cap = ncap;
		q->head = 0;
	}
	q->msgs[(q->head + q->len) % q->cap] = msg;
	q->len++;
	return 0;
}

static const bt_message *tee_queue_pop(struct tee_queue *q)
{
	const bt_message *msg = q->msgs[q->head];

	q->head = (q->head + 1) % q->cap;
	q->len--;
	return msg;
}

static void tee_queue_clear(struct tee_queue *q)
{
	while (q->len)
		bt_message_put_ref(tee_queue_pop(q));
	free(q->msgs);
	q->msgs = NULL;
	q->cap = 0;
}

bt_component_class_initialize_method_status
tee_init(bt_self_component_filter *self,
	 bt_self_component_filter_configuration *config __attribute__((unused)),
	 const bt_value *params, void *init_method_data __attribute__((unused)))
{
	bt_self_component *self_comp = bt_self_component_filter_as_self_component(self);
	const bt_value *outputs = params && bt_value_is_map(params) ?
		bt_value_map_borrow_entry_value_const(params, "outputs") : NULL;
	struct tee *tee = calloc(1, sizeof(*tee));
	long long n = 2;
	unsigned int i;
	char name[16];

	if (!tee) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(self_comp, "tee: out of memory");
		return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	}
	tee->self_comp = self_comp;
	tee->self_filter = self;
	if (outputs) {
		if (bt_value_is_signed_integer(outputs))
			n = bt_value_integer_signed_get(outputs);
		else if (bt_value_is_unsigned_integer(outputs))
			n = (long long)bt_value_integer_unsigned_get(outputs);
		else
			n = -1;
	}
	if (n < 1 || n > TEE_MAX_OUTPUTS ||
	    (params && bt_value_is_map(params) &&
	     bt_value_map_get_size(params) > (outputs ? 1 : 0))) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(self_comp,
			"tee: the only parameter is outputs, an integer from 1 to %d",
			TEE_MAX_OUTPUTS);
		goto error;
	}
	tee->nr_outputs = (unsigned int)n;
	if (bt_self_component_filter_add_input_port(self, "in", NULL, NULL) !=
	    BT_SELF_COMPONENT_ADD_PORT_STATUS_OK)
		goto error;
	for (i = 0; i < tee->nr_outputs; i++) {
		snprintf(name, sizeof(name), "out%u", i);
		if (bt_self_component_filter_add_output_port(self, name,
				(void *)(uintptr_t)i, NULL) != BT_SELF_COMPONENT_ADD_PORT_STATUS_OK)
			goto error;
	}
	bt_self_component_set_data(self_comp, tee);
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_OK;
error:
	free(tee);
	return BT_COMPONENT_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
}

void tee_finalize(bt_self_component_filter *self)
{
	struct tee *tee = bt_self_component_get_data(
		bt_self_component_filter_as_self_component(self));
	unsigned int i;

	if (!tee)
		return;
	for (i = 0; i < tee->nr_outputs; i++)
		tee_queue_clear(&tee->queues[i]);
	bt_message_iterator_put_ref(tee->upstream);
	free(tee);
}

bt_message_iterator_class_initialize_method_status
tee_msg_iter_init(bt_self_message_iterator *self_iter,
		  bt_self_message_iterator_configuration *config __attribute__((unused)),
		  bt_self_component_port_output *port)
{
	bt_self_component *self_comp = bt_self_message_iterator_borrow_component(self_iter);
	struct tee *tee = bt_self_component_get_data(self_comp);
	struct tee_iter *it;

	it = calloc(1, sizeof(*it));
	if (!it)
		return BT_MESSAGE_ITERATOR_CLASS_INITIALIZE_METHOD_STATUS_MEMORY_ERROR;
	it->tee = tee;
	it->port = (unsigned int)(uintptr_t)bt_self_component_port_get_data(
		bt_self_component_port_output_as_self_component_port(port));
	if (!tee->upstream &&
	    bt_message_iterator_create_from_message_iterator(self_iter,
		    bt_self_component_filter_borrow_input_port_by_name(tee->self_filter, "in"),
		    &tee->upstream) != BT_MESSAGE_ITERATOR_CREATE_FROM_MESSAGE_ITERATOR_STATUS_OK) {
		BT_CURRENT_THREAD_ERROR_APPEND_CAUSE_FROM_COMPONENT(self_comp,
			"tee: cannot create the input message iterator");
		free(it);
		return BT_MESSAGE_ITERATOR_CLASS_INITIALIZE_METHOD_STATUS_ERROR;
	}
	tee->queues[it->port].open = true;
	bt_self_message_iterator_set_data(self_iter, it);
	return BT_MESSAGE_ITERATOR_CLASS_INITIALIZE_METHOD_STATUS_OK;
}

void tee_msg_iter_finalize(bt_self_message_iterator *self_iter)
{
	struct tee_iter *it = bt_self_message_iterator_get_data(self_iter);

	if (!it)
		return;
	it->tee->queues[it->port].open = false;
	tee_queue_clear(&it->tee->queues[it->port]);
	free(it);
}

/* Pull one batch upstream: keep what fits in @msgs, queue for the others. */
static bt_message_iterator_class_next_method_status
tee_pull(struct tee *tee, unsigned int port, bt_message_array_const msgs,
	 uint64_t capacity, uint64_t *count)
{
	bt_message_array_const up;
	uint64_t n, i;
	unsigned int o;

	switch (bt_message_iterator_next(tee->upstream, &up, &n)) {
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_OK:
		break;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_END:
		tee->ended = true;
		return BT_MESSAGE_ITERATOR_CLASS_NEXT_METHOD_STATUS_END;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_AGAIN:
		return BT_MESSAGE_ITERATOR_CLASS_NEXT_METHOD_STATUS_AGAIN;
	case BT_MESSAGE_ITERATOR_NEXT_STATUS_MEMORY_ERROR:
		return BT_MESSAGE_ITERATOR_CLASS_NEXT_METHOD_STATUS_MEMORY_ERROR;
	default:
		return BT_MESSAGE_ITERATOR_CLASS_NEXT_METHOD_STATUS_ERROR;
	}
	*count = 0;
	for (i = 0; i < n; i++) {
		for (o = 0; o < tee->nr_outputs; o++) {
			if (o == port || !tee->queues[o].open)
				continue;
			bt_message_get_ref(up[i]);
			if (tee_queue_push(&tee->queues[o], up[i])) {
				bt_message_put_ref(up[i]);
				goto oom;
			}
		}
		/* Our reference goes to this output, now or through its queue. */
		if (*count < capacity) {
			msgs[(*count)++] = up[i];
		} else if (tee_queue_push(&tee->queues[port], up[i])) {
			bt_message_put_ref(up[i]);
			goto oom;
		}
	}
	return BT_MESSAGE_ITERATOR_CLASS_NEXT_METHOD_STATUS_OK;
oom:
	for (i++; i < n; i++)
		bt_message_put_ref(up[i]);
	return BT_MESSAGE_ITERATOR_CLASS_NEXT_METHOD_STATUS_MEMORY_ERROR;
}

bt_message_iterator_class_next_method_status
tee_msg_iter_next(bt_self_message_iterator *self_iter,
		  bt_message_array_const msgs, uint64_t capacity,
		  uint64_t *count)
{
	struct tee_iter *it = bt_self_message_iterator_get_data(self_iter);
	struct tee *tee = it->tee;
	struct tee_queue *q = &tee->queues[it->port];

	if (q->len) {
		*count = 0;
		while (q->len && *count < capacity)
			msgs[(*count)++] = tee_queue_pop(q);
		return BT_MESSAGE_ITERATOR_CLASS_NEXT_METHOD_STATUS_OK;
	}
	if (tee->ended)
		return BT_MESSAGE_ITERATOR_CLASS_NEXT_METHOD_STATUS_END;
	return tee_pull(tee, it->port, msgs, capacity, count);
}
