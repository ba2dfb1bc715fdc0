// Declarations only (include/CLibFuzzer.h); the driver is in libclang_rt.fuzzer_no_main.
#include "CLibFuzzer.h"
