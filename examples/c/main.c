/* Embedding lexq from C: open the built-in knowledge base, run one statement, print its JSON. */
#include <stdio.h>

#include <lexq/lexq.h>

int main(void) {
    char* error = NULL;
    lexq_db* db = lexq_open(NULL, &error);
    if (!db) {
        fprintf(stderr, "cannot open lexq: %s\n", error ? error : "out of memory");
        lexq_free(error);
        return 1;
    }
    int status = 1;
    lexq_result* result = lexq_run(db, "show CL 246");
    if (result && lexq_result_count(result) == 1) {
        /* The JSON is printed whether or not the statement succeeded: it carries the error too. */
        puts(lexq_result_json(result, 0));
        status = lexq_result_ok(result, 0) ? 0 : 1;
    }
    lexq_result_free(result);
    lexq_close(db);
    return status;
}
