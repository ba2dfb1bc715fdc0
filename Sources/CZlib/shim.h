#ifndef PANTAU_CZLIB_SHIM_H
#define PANTAU_CZLIB_SHIM_H
#include <zlib.h>
#endif
