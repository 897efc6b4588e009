#ifndef LEDGERQA_CZLIB_SHIM_H
#define LEDGERQA_CZLIB_SHIM_H
/* zlib: HdrHistogram's compressed encoding deflates its payload, so reports store
   latency histograms in the form HdrHistogram's own tools decode. */
#include <zlib.h>
#endif
