#ifndef LEDGERQA_CRDKAFKA_SHIM_H
#define LEDGERQA_CRDKAFKA_SHIM_H
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

/* rd_kafka_producev is variadic and driven by macros (RD_KAFKA_V_TOPIC, ...), which Swift
   cannot call. This typed wrapper is the only way the package produces a message: payload
   and key are copied (RD_KAFKA_MSG_F_COPY), the partition is left to the default
   partitioner (same key, same partition). */
static inline rd_kafka_resp_err_t crdkafka_produce_copy(rd_kafka_t *rk, const char *topic,
                                                        const void *key, size_t key_len,
                                                        const void *value, size_t value_len) {
    return rd_kafka_producev(rk,
                             RD_KAFKA_V_TOPIC(topic),
                             RD_KAFKA_V_KEY(key, key_len),
                             RD_KAFKA_V_VALUE((void *)value, value_len),
                             RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                             RD_KAFKA_V_END);
}

#endif
