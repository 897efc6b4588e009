#ifndef LEDGERQA_CCURL_SHIM_H
#define LEDGERQA_CCURL_SHIM_H
#include <curl/curl.h>

/* curl_easy_setopt and friends are variadic, which Swift cannot call. These typed
   wrappers are the only way the Networks target talks to them. */

typedef size_t (*ccurl_write_callback)(char *, size_t, size_t, void *);

static inline CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_setopt_write(CURL *h, ccurl_write_callback f) { return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
static inline CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode ccurl_easy_getinfo_ptr(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }
static inline CURL *ccurl_msg_easy(CURLMsg *msg) { return msg->easy_handle; }
static inline CURLcode ccurl_msg_result(CURLMsg *msg) { return msg->data.result; }
static inline int ccurl_msg_is_done(CURLMsg *msg) { return msg->msg == CURLMSG_DONE; }

static inline CURLcode ccurl_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }

#endif
