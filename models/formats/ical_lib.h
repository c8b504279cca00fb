/* models/formats/ical_lib.h: libical for ical_export.c and ical_import.c, loaded (dlopen) when
 * a calendar is first written or read, not when sumaho starts: libical brings ICU and the C++
 * library, some 3 MB of resident pages in every screen and kiosk that never touch a calendar.
 * Internal to models/formats. */
#ifndef SUMAHO_ICAL_LIB_H
#define SUMAHO_ICAL_LIB_H

#include <libical/ical.h>

#define ICAL_FUNCTIONS(X)                                                                          \
	X(icalcomponent_add_component)                                                             \
	X(icalcomponent_add_property)                                                              \
	X(icalcomponent_as_ical_string_r)                                                          \
	X(icalcomponent_foreach_recurrence)                                                        \
	X(icalcomponent_free)                                                                      \
	X(icalcomponent_get_dtend)                                                                 \
	X(icalcomponent_get_dtstart)                                                               \
	X(icalcomponent_get_first_component)                                                       \
	X(icalcomponent_get_first_property)                                                        \
	X(icalcomponent_get_next_component)                                                        \
	X(icalcomponent_get_next_property)                                                         \
	X(icalcomponent_get_status)                                                                \
	X(icalcomponent_get_summary)                                                               \
	X(icalcomponent_get_timezone)                                                              \
	X(icalcomponent_get_uid)                                                                   \
	X(icalcomponent_isa)                                                                       \
	X(icalcomponent_vanew)                                                                     \
	X(icaldurationtype_is_null_duration)                                                       \
	X(icalmemory_free_buffer)                                                                  \
	X(icalparameter_get_range)                                                                 \
	X(icalparameter_get_tzid)                                                                  \
	X(icalparameter_new_tzid)                                                                  \
	X(icalparser_parse_string)                                                                 \
	X(icalproperty_add_parameter)                                                              \
	X(icalproperty_get_duration)                                                               \
	X(icalproperty_get_first_parameter)                                                        \
	X(icalproperty_get_recurrenceid)                                                           \
	X(icalproperty_get_rrule)                                                                  \
	X(icalproperty_get_xlicerror)                                                              \
	X(icalproperty_new_calscale)                                                               \
	X(icalproperty_new_categories)                                                             \
	X(icalproperty_new_description)                                                            \
	X(icalproperty_new_dtend)                                                                  \
	X(icalproperty_new_dtstamp)                                                                \
	X(icalproperty_new_dtstart)                                                                \
	X(icalproperty_new_lastmodified)                                                           \
	X(icalproperty_new_location)                                                               \
	X(icalproperty_new_method)                                                                 \
	X(icalproperty_new_prodid)                                                                 \
	X(icalproperty_new_sequence)                                                               \
	X(icalproperty_new_status)                                                                 \
	X(icalproperty_new_summary)                                                                \
	X(icalproperty_new_tzid)                                                                   \
	X(icalproperty_new_tzname)                                                                 \
	X(icalproperty_new_tzoffsetfrom)                                                           \
	X(icalproperty_new_tzoffsetto)                                                             \
	X(icalproperty_new_uid)                                                                    \
	X(icalproperty_new_url)                                                                    \
	X(icalproperty_new_version)                                                                \
	X(icalproperty_new_x)                                                                      \
	X(icalproperty_set_x_name)                                                                 \
	X(icaltime_adjust)                                                                         \
	X(icaltime_as_ical_string)                                                                 \
	X(icaltime_as_timet)                                                                       \
	X(icaltime_as_timet_with_zone)                                                             \
	X(icaltime_compare)                                                                        \
	X(icaltime_current_time_with_zone)                                                         \
	X(icaltime_from_string)                                                                    \
	X(icaltime_is_null_time)                                                                   \
	X(icaltime_is_utc)                                                                         \
	X(icaltime_is_valid_time)                                                                  \
	X(icaltime_null_time)                                                                      \
	X(icaltimezone_get_builtin_timezone)                                                       \
	X(icaltimezone_get_utc_timezone)

/* The functions' addresses, set by ical_lib_load; call as ical.icaltime_adjust(..). */
struct ical_lib {
	int loaded;
#define X(f) __typeof__(f) *f;
	ICAL_FUNCTIONS(X)
#undef X
};
extern struct ical_lib ical;

/* Load libical once a process (it stays loaded) and find the functions; 0, or -1 with
 * *cause. Each entry point that uses ical calls it first. */
int ical_lib_load(char **cause);

#endif
