/* models/schema.h: the numbered migrations that create and upgrade the schema. */
#ifndef MODELS_SCHEMA_H
#define MODELS_SCHEMA_H

struct migration {
	int version;
	const char *name;
	const char *sql; /* ends by setting PRAGMA user_version to version */
};

extern const struct migration schema_migrations[];
extern const int schema_nmigrations;

#endif
