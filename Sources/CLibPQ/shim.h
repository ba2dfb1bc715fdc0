#ifndef PANTAU_CLIBPQ_SHIM_H
#define PANTAU_CLIBPQ_SHIM_H
#include <libpq-fe.h>

/// `PG_DIAG_SQLSTATE` is a macro (the character 'C'), which Swift does not import as a field
/// code: the five-character SQLSTATE of a failed result, or NULL.
static inline const char *pantau_pq_sqlstate(const PGresult *result) {
    return PQresultErrorField(result, PG_DIAG_SQLSTATE);
}

/// The primary message of a failed result (`PG_DIAG_MESSAGE_PRIMARY`, also a macro), or NULL.
static inline const char *pantau_pq_primary_message(const PGresult *result) {
    return PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
}
#endif
