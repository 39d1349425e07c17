/* lexq: the C API, a thin layer over the C++ API in lexq.hpp for embedders in C and other languages.
 *
 * Ownership: every pointer returned by lexq_open or lexq_run belongs to the caller and is released with
 * lexq_close or lexq_result_free. Strings returned by lexq_result_json and lexq_result_error belong to
 * their result and live until lexq_result_free. An error message returned through lexq_open's `error`
 * is malloc'd and released with lexq_free. lexq_version's string is static.
 *
 * Threads: use one lexq_db per thread. A lexq_db may move from one thread to another but must never be
 * used by two threads at once. Results are independent of their db: a result may outlive the db that
 * produced it, and different results may be read from different threads.
 *
 * Errors: no C++ exception crosses this API; failures are return values.
 */
#ifndef LEXQ_H
#define LEXQ_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct lexq_db lexq_db;
typedef struct lexq_result lexq_result;

/* The library version, "0.1.0". Static storage. */
const char* lexq_version(void);

/* Opens a knowledge base file read-only; path NULL opens the knowledge base embedded in the library.
 * On failure returns NULL and, when `error` is not NULL, sets *error to a message to free with lexq_free. */
lexq_db* lexq_open(const char* path, char** error);

/* Runs every statement in `statements` (separated by ';'). Returns NULL only when out of memory (or when
 * db or statements is NULL); a statement that fails is a failed entry of the result, not NULL. */
lexq_result* lexq_run(lexq_db* db, const char* statements);

/* The number of statements the result holds. */
size_t lexq_result_count(const lexq_result* result);

/* 1 when statement i succeeded, 0 when it failed or i is out of range. */
int lexq_result_ok(const lexq_result* result, size_t i);

/* The JSON document of statement i (the format of docs/json.md, as lexq::to_json), or NULL when i is out
 * of range. Owned by the result. */
const char* lexq_result_json(const lexq_result* result, size_t i);

/* The error message of statement i, or NULL when it succeeded or i is out of range. Owned by the result. */
const char* lexq_result_error(const lexq_result* result, size_t i);

/* Releases a result and every string it owns. NULL is allowed. */
void lexq_result_free(lexq_result* result);

/* Closes a knowledge base. NULL is allowed. Results already returned stay valid. */
void lexq_close(lexq_db* db);

/* Releases memory the library allocated for the caller (the error of lexq_open). NULL is allowed. */
void lexq_free(void* p);

#ifdef __cplusplus
}
#endif

#endif /* LEXQ_H */
