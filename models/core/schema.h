/* models/core/schema.h: the numbered migrations that create and upgrade the schema. */
#ifndef MODELS_CORE_SCHEMA_H
#define MODELS_CORE_SCHEMA_H

struct migration {
	int version;
	const char *name;
	const char *sql; /* ends by setting PRAGMA user_version to version */
	/* PostgreSQL's words where the dialects differ (triggers, functions); NULL: sql, run
	 * there without its PRAGMA statements. */
	const char *pg_sql;
};

extern const struct migration schema_migrations[];

/* A class's title as people read it, from the courses row aliased c: "スマホ入門 (Android)";
 * one expression for every list, report and calendar. */
#define SQL_CLASS_TITLE                                                                            \
	"(c.title || CASE c.device WHEN 'iphone' THEN ' (iPhone)'"                                 \
	" WHEN 'android' THEN ' (Android)' ELSE '' END)"
extern const int schema_nmigrations;

/* PostgreSQL (schema_pg.c): an empty database is given the schema of migration
 * SCHEMA_PG_BASE at once, and the functions that stand for SQLite's; the migrations after it
 * run on both engines. */
#define SCHEMA_PG_BASE 15
extern const char schema_pg_base[];

#endif
