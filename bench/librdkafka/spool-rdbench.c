/*
 * spool-rdbench: a librdkafka load generator in the style of rdkafka_performance (whose source Debian does
 * not package), so that the client side of the benchmark is a real, fast Kafka client and not an
 * interpreter loop.
 *
 *   spool-rdbench produce -b HOST:PORT -t TOPIC -s SIZE -n COUNT [-r RATE] [-X prop=val ...]
 *       Produces COUNT records of SIZE value bytes (no key) to partition 0 with acks=1, batching
 *       (linger.ms=5, up to 1 MB batches), no compression. RATE (records/s) paces the producer instead of
 *       saturating it. Latency = delivery report time - produce() call time, per record.
 *   spool-rdbench consume -b HOST:PORT -t TOPIC -n COUNT [-X prop=val ...]
 *       Reads COUNT records of partition 0 from the beginning (no consumer group: simple consumer API).
 *
 * Prints one JSON object on stdout. Build: cc -O2 -o spool-rdbench spool-rdbench.c -lrdkafka
 */
#include <librdkafka/rdkafka.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void die(const char *what, const char *detail) {
    fprintf(stderr, "spool-rdbench: %s: %s\n", what, detail);
    exit(1);
}

static void set(rd_kafka_conf_t *conf, const char *name, const char *value) {
    char err[512];
    if (rd_kafka_conf_set(conf, name, value, err, sizeof(err)) != RD_KAFKA_CONF_OK) die(name, err);
}

/* Producer state shared with the delivery report callback. */
static int64_t *sent_at;   /* produce() time per record */
static int64_t *latency;   /* delivery report latency per record */
static long delivered, failed;
static int64_t last_report;

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
    (void)rk; (void)opaque;
    long i = (long)(intptr_t)m->_private;
    int64_t t = now_ns();
    if (m->err) {
        if (failed++ < 5) fprintf(stderr, "delivery failed: %s\n", rd_kafka_err2str(m->err));
    } else {
        latency[delivered++] = t - sent_at[i];
    }
    last_report = t;
}

static int cmp64(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

static double pct(int64_t *sorted, long n, double p) {
    if (n == 0) return -1;
    long i = (long)(p * (n - 1));
    return sorted[i] / 1e6;
}

static int produce(rd_kafka_conf_t *conf, const char *topic, long size, long count, long rate) {
    char err[512];
    set(conf, "acks", "1");
    set(conf, "linger.ms", "5");
    set(conf, "batch.size", "1000000");
    set(conf, "batch.num.messages", "100000");
    set(conf, "queue.buffering.max.messages", "2000000");
    set(conf, "queue.buffering.max.kbytes", "2097151");
    set(conf, "compression.type", "none");
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
    if (!rk) die("rd_kafka_new", err);

    sent_at = malloc(sizeof(int64_t) * count);
    latency = malloc(sizeof(int64_t) * count);
    char *payload = malloc(size);
    for (long i = 0; i < size; i++) payload[i] = (char)('a' + i % 26);

    int64_t start = now_ns();
    for (long i = 0; i < count; i++) {
        if (rate > 0) {
            int64_t due = start + (int64_t)(i * (1e9 / rate));
            while (now_ns() < due) rd_kafka_poll(rk, 0);
        }
        for (;;) {
            sent_at[i] = now_ns();
            /* RD_KAFKA_MSG_F_COPY would memcpy per record; the payload is shared and never changes. */
            rd_kafka_resp_err_t e = rd_kafka_producev(rk, RD_KAFKA_V_TOPIC(topic), RD_KAFKA_V_PARTITION(0),
                                                      RD_KAFKA_V_VALUE(payload, (size_t)size),
                                                      RD_KAFKA_V_OPAQUE((void *)(intptr_t)i), RD_KAFKA_V_END);
            if (e == RD_KAFKA_RESP_ERR_NO_ERROR) break;
            if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) die("produce", rd_kafka_err2str(e));
            rd_kafka_poll(rk, 1);
        }
        if ((i & 1023) == 0) rd_kafka_poll(rk, 0);
    }
    while (rd_kafka_outq_len(rk) > 0) rd_kafka_poll(rk, 10);
    double seconds = (last_report - start) / 1e9;

    qsort(latency, delivered, sizeof(int64_t), cmp64);
    printf("{\"mode\":\"produce\",\"size\":%ld,\"records\":%ld,\"failed\":%ld,\"seconds\":%.3f,"
           "\"records_per_s\":%.0f,\"mb_per_s\":%.1f,\"latency_ms\":{\"p50\":%.2f,\"p99\":%.2f,\"max\":%.2f},"
           "\"target_rate\":%ld}\n",
           size, delivered, failed, seconds, delivered / seconds, delivered * (double)size / seconds / 1e6,
           pct(latency, delivered, 0.50), pct(latency, delivered, 0.99), pct(latency, delivered, 1.0), rate);
    rd_kafka_destroy(rk);
    return failed == 0 && delivered == count ? 0 : 1;
}

static int consume(rd_kafka_conf_t *conf, const char *topic, long count) {
    char err[512];
    set(conf, "fetch.wait.max.ms", "100");
    set(conf, "fetch.max.bytes", "52428800");
    set(conf, "fetch.message.max.bytes", "8388608");
    set(conf, "queued.min.messages", "1000000");
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err));
    if (!rk) die("rd_kafka_new", err);
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
    if (rd_kafka_consume_start(rkt, 0, RD_KAFKA_OFFSET_BEGINNING) == -1) die("consume_start", rd_kafka_err2str(rd_kafka_last_error()));

    rd_kafka_message_t *batch[10000];
    long got = 0;
    int64_t bytes = 0, start = 0, deadline = now_ns() + 600LL * 1000000000LL;
    while (got < count && now_ns() < deadline) {
        ssize_t n = rd_kafka_consume_batch(rkt, 0, 1000, batch, 10000);
        for (ssize_t i = 0; i < n; i++) {
            if (!batch[i]->err) {
                if (got == 0) start = now_ns();
                got++;
                bytes += batch[i]->len;
            } else if (batch[i]->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                die("consume", rd_kafka_message_errstr(batch[i]));
            }
            rd_kafka_message_destroy(batch[i]);
        }
    }
    double seconds = (now_ns() - start) / 1e9;
    printf("{\"mode\":\"consume\",\"records\":%ld,\"bytes\":%" PRId64 ",\"seconds\":%.3f,\"records_per_s\":%.0f,\"mb_per_s\":%.1f}\n",
           got, bytes, seconds, got / seconds, bytes / seconds / 1e6);
    rd_kafka_consume_stop(rkt, 0);
    rd_kafka_topic_destroy(rkt);
    rd_kafka_destroy(rk);
    return got == count ? 0 : 1;
}

int main(int argc, char **argv) {
    if (argc < 2) die("usage", "spool-rdbench produce|consume -b HOST:PORT -t TOPIC [-s SIZE] -n COUNT [-r RATE] [-X k=v]");
    const char *mode = argv[1], *topic = NULL;
    long size = 100, count = 1000000, rate = 0;
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    int opt;
    optind = 2;
    while ((opt = getopt(argc, argv, "b:t:s:n:r:X:")) != -1) {
        switch (opt) {
        case 'b': set(conf, "bootstrap.servers", optarg); break;
        case 't': topic = optarg; break;
        case 's': size = atol(optarg); break;
        case 'n': count = atol(optarg); break;
        case 'r': rate = atol(optarg); break;
        case 'X': {
            char *eq = strchr(optarg, '=');
            if (!eq) die("-X", optarg);
            *eq = '\0';
            set(conf, optarg, eq + 1);
            break;
        }
        default: die("usage", "unknown option");
        }
    }
    if (!topic) die("usage", "-t TOPIC is required");
    if (strcmp(mode, "produce") == 0) return produce(conf, topic, size, count, rate);
    if (strcmp(mode, "consume") == 0) return consume(conf, topic, count);
    die("usage", "mode must be produce or consume");
    return 2;
}
