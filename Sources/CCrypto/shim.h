#ifndef PANTAU_CCRYPTO_SHIM_H
#define PANTAU_CCRYPTO_SHIM_H
#include <openssl/sha.h>
#endif
