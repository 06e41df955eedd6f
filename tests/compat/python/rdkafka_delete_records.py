"""DeleteRecords through librdkafka's own admin API (rd_kafka_DeleteRecords), called with ctypes.

Why ctypes: Debian's python3-confluent-kafka is 1.7.0, whose AdminClient has no delete_records, while
the librdkafka it links (2.0.2) implements DeleteRecords. Calling the C API keeps the request a real
librdkafka request (the same bytes kcat and confluent-kafka users send) instead of a hand-made frame.
"""

import ctypes
import ctypes.util


class _TopicPartition(ctypes.Structure):
    # rd_kafka_topic_partition_t (rdkafka.h): a stable public struct.
    _fields_ = [
        ("topic", ctypes.c_char_p),
        ("partition", ctypes.c_int32),
        ("offset", ctypes.c_int64),
        ("metadata", ctypes.c_void_p),
        ("metadata_size", ctypes.c_size_t),
        ("opaque", ctypes.c_void_p),
        ("err", ctypes.c_int),
        ("_private", ctypes.c_void_p),
    ]


class _TopicPartitionList(ctypes.Structure):
    _fields_ = [("cnt", ctypes.c_int), ("size", ctypes.c_int), ("elems", ctypes.POINTER(_TopicPartition))]


_EVENT_DELETERECORDS_RESULT = 105  # RD_KAFKA_EVENT_DELETERECORDS_RESULT


def _lib():
    lib = ctypes.CDLL(ctypes.util.find_library("rdkafka") or "librdkafka.so.1")
    p = ctypes.c_void_p
    lib.rd_kafka_conf_new.restype = p
    lib.rd_kafka_conf_set.argtypes = [p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t]
    lib.rd_kafka_new.restype = p
    lib.rd_kafka_new.argtypes = [ctypes.c_int, p, ctypes.c_char_p, ctypes.c_size_t]
    lib.rd_kafka_topic_partition_list_new.restype = ctypes.POINTER(_TopicPartitionList)
    lib.rd_kafka_topic_partition_list_add.restype = ctypes.POINTER(_TopicPartition)
    lib.rd_kafka_topic_partition_list_add.argtypes = [ctypes.POINTER(_TopicPartitionList), ctypes.c_char_p, ctypes.c_int32]
    lib.rd_kafka_topic_partition_list_destroy.argtypes = [ctypes.POINTER(_TopicPartitionList)]
    lib.rd_kafka_DeleteRecords_new.restype = p
    lib.rd_kafka_DeleteRecords_new.argtypes = [ctypes.POINTER(_TopicPartitionList)]
    lib.rd_kafka_DeleteRecords_destroy.argtypes = [p]
    lib.rd_kafka_queue_new.restype = p
    lib.rd_kafka_queue_new.argtypes = [p]
    lib.rd_kafka_queue_destroy.argtypes = [p]
    lib.rd_kafka_DeleteRecords.argtypes = [p, ctypes.POINTER(p), ctypes.c_size_t, p, p]
    lib.rd_kafka_queue_poll.restype = p
    lib.rd_kafka_queue_poll.argtypes = [p, ctypes.c_int]
    lib.rd_kafka_event_type.argtypes = [p]
    lib.rd_kafka_event_error.argtypes = [p]
    lib.rd_kafka_event_error_string.restype = ctypes.c_char_p
    lib.rd_kafka_event_error_string.argtypes = [p]
    lib.rd_kafka_event_DeleteRecords_result.restype = p
    lib.rd_kafka_event_DeleteRecords_result.argtypes = [p]
    lib.rd_kafka_DeleteRecords_result_offsets.restype = ctypes.POINTER(_TopicPartitionList)
    lib.rd_kafka_DeleteRecords_result_offsets.argtypes = [p]
    lib.rd_kafka_event_destroy.argtypes = [p]
    lib.rd_kafka_destroy.argtypes = [p]
    lib.rd_kafka_err2str.restype = ctypes.c_char_p
    return lib


def delete_records(bootstrap, topic, before_offsets, timeout_ms=30_000):
    """Deletes records before before_offsets[partition]; returns {partition: (low_watermark, error_code)}."""
    lib = _lib()
    errstr = ctypes.create_string_buffer(512)
    conf = lib.rd_kafka_conf_new()
    lib.rd_kafka_conf_set(conf, b"bootstrap.servers", bootstrap.encode(), errstr, len(errstr))
    rk = lib.rd_kafka_new(0, conf, errstr, len(errstr))  # RD_KAFKA_PRODUCER: an admin-capable handle
    if not rk:
        raise RuntimeError(f"rd_kafka_new failed: {errstr.value.decode()}")
    queue = lib.rd_kafka_queue_new(rk)
    offsets = lib.rd_kafka_topic_partition_list_new(len(before_offsets))
    try:
        for partition, offset in before_offsets.items():
            lib.rd_kafka_topic_partition_list_add(offsets, topic.encode(), partition).contents.offset = offset
        request = ctypes.c_void_p(lib.rd_kafka_DeleteRecords_new(offsets))
        lib.rd_kafka_DeleteRecords(rk, ctypes.byref(request), 1, None, queue)
        lib.rd_kafka_DeleteRecords_destroy(request)
        event = lib.rd_kafka_queue_poll(queue, timeout_ms)
        if not event:
            raise RuntimeError("DeleteRecords: no result within the timeout")
        try:
            if lib.rd_kafka_event_type(event) != _EVENT_DELETERECORDS_RESULT:
                raise RuntimeError(f"DeleteRecords: unexpected event type {lib.rd_kafka_event_type(event)}")
            if lib.rd_kafka_event_error(event):
                raise RuntimeError(f"DeleteRecords failed: {lib.rd_kafka_event_error_string(event).decode()}")
            result = lib.rd_kafka_DeleteRecords_result_offsets(lib.rd_kafka_event_DeleteRecords_result(event)).contents
            return {result.elems[i].partition: (result.elems[i].offset, result.elems[i].err) for i in range(result.cnt)}
        finally:
            lib.rd_kafka_event_destroy(event)
    finally:
        lib.rd_kafka_topic_partition_list_destroy(offsets)
        lib.rd_kafka_queue_destroy(queue)
        lib.rd_kafka_destroy(rk)
