#ifndef PANTAU_CLIBXML2_SHIM_H
#define PANTAU_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian builds libxml2 with ICU, and encoding.h then includes the system's ICU headers, which
   clash with the copy Foundation ships. Pantau never touches the ICU converter fields of
   xmlCharEncodingHandler (the only declarations this changes), so they stay out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#endif
