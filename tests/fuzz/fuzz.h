/* tests/fuzz/fuzz.h: what the fuzz targets share: a private temporary directory for the files
 * the models read and write, and the database every import runs against. */
#ifndef TESTS_FUZZ_FUZZ_H
#define TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* The target's name ("csv", "ics", "ini"): the replay driver reads tests/fuzz/corpus/NAME and
 * tests/fuzz/regress/NAME. Each target defines it. */
extern const char fuzz_target[];

/* libFuzzer's entry point, which each target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Write len bytes to NAME in this process's temporary directory (made on first use, under
 * /dev/shm when it is writable, and removed with everything in it at exit); the path is
 * borrowed until exit. Aborts if the file cannot be written. */
const char *fuzz_write(const char *name, const void *data, size_t len);

/* The path of NAME in the temporary directory (borrowed until exit; a few names at most). */
const char *fuzz_path(const char *name);

/* An in-memory database with the schema and a few records every kind can refer to (two
 * venues, a course, an offering, a session, two people), made on first use and closed at exit.
 * Each input runs inside a transaction that it rolls back, so every input sees the same
 * database. */
struct db *fuzz_db(void);

#endif
