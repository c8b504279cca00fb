/* tui/ui/form.h: a form: every field on one page with its label, each checked by the feature's
 * own rule as it is left, a refusal shown at once next to the field and in the message line
 * naming it, the cursor kept there, and nothing typed thrown away until the form is saved or
 * deliberately given up. */
#ifndef TUI_UI_FORM_H
#define TUI_UI_FORM_H

#include <stddef.h>

#include "tui/app.h"

struct ui_form_field {
	const char *label;   /* translated; the message line names the field by it */
	const char *hint;    /* what the value looks like ("YYYY-MM-DD"), shown after it; or NULL */
	const char *initial; /* what the field holds when the form opens (borrowed; NULL: "") */
	/* The values the field chooses from, NULL-terminated (borrowed): Space, Left and Right
	 * go from one to the next and nothing is typed; the field opens on initial when it is one
	 * of them, else on the first. NULL: a field typed in. */
	const char *const *choices;
	char *value; /* kept by the form: what is typed (freed by ui_form_clear) */
	int bad;     /* kept by the form: the value was refused */
};

struct ui_form {
	const char *where; /* the title bar's section */
	const char *title; /* the form's heading */
	struct ui_form_field *fields;
	size_t n;
	/* Check field i as it is left (values: every field's value now, in order): 0, or -1 with
	 * *cause (a new string) saying why without naming the field. NULL: no check. */
	int (*check)(struct app *app, void *arg, size_t i, const char *const *values, char **cause);
	/* Save the values: 0 when the form is done (saved, or nothing to save), with *msg saying
	 * so; -1 when refused, with *msg saying why and *bad the field to go back to (n: the form
	 * as a whole). *msg is a new string or NULL. */
	int (*save)(struct app *app, void *arg, const char *const *values, size_t *bad, char **msg);
	void *arg;
	/* Instead of check, for a feature whose rule checks one field by its name alone
	 * (person_check_field): names[i] is field i's, and check_field says as check does. */
	const char *const *names;
	int (*check_field)(const char *name, const char *value, char **cause);
};

/* Run the form: Enter, Tab or Down checks the field and goes to the next one (Enter on the
 * last field saves), Up or Shift-Tab checks it and goes back, Space, Left and Right change a
 * field of choices, Esc gives up after asking when something was typed or chosen. The values stay
 * in fields[i].value either way. 0 when save said the form is done (*msg its message), -1 when
 * given up (*msg NULL), 1 to quit sumaho. */
int ui_form_run(struct app *app, struct ui_form *form, char **msg);
/* Free the values of the fields (the form's own copies). */
void ui_form_clear(struct ui_form *form);

#endif
