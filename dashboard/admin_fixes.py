"""Three places where Django 6.1's admin answers a query string it cannot use with a server
error (500) instead of a refusal; `DashboardConfig.ready()` applies the fixes once.

Any signed-in user of the admin could cause them by editing an address (tests in
`tests/core/test_query_fuzz.py`, which found them):

- `?_to_field=` left empty on any change or delete page: the empty name is looked up as a field
  (FieldDoesNotExist). Empty now means "the primary key", as when the parameter is absent.
- an autocomplete field (`autocomplete_fields`) given a key that is not one, on an add page
  (`?partners=abc`, the form's initial values) or in a posted form: the widget looks the chosen
  keys up as they are (ValueError, or OverflowError past the database's integers). Such a key
  now chooses nothing; the form still says the choice is not valid.
- a `date_hierarchy` year at the edge of the calendar (`?signed_on__year=9999&..__month=12`, or
  year 1 of a date-time column, which is year 0 in UTC): the bounds of the period fall outside
  it (ValueError, OverflowError). The list is refused like any other bad filter (`?e=1`). Django
  fixes part of it in ticket #37357.

Remove each when the Django in requirements.txt handles it (the tests above then pass without).
"""

import datetime as dt

from django.contrib.admin import ModelAdmin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteMixin


def apply():
    if getattr(ModelAdmin.get_object, "empty_to_field_fixed", False):
        return

    get_object = ModelAdmin.get_object

    def get_object_with_empty_to_field(self, request, object_id, from_field=None):
        return get_object(self, request, object_id, from_field or None)

    get_object_with_empty_to_field.empty_to_field_fixed = True
    ModelAdmin.get_object = get_object_with_empty_to_field

    optgroups = AutocompleteMixin.optgroups

    def optgroups_of_valid_keys(self, name, value, attr=None):
        try:
            return optgroups(self, name, value, attr)
        except (ValueError, OverflowError):
            return optgroups(self, name, [], attr)

    AutocompleteMixin.optgroups = optgroups_of_valid_keys

    get_filters = ChangeList.get_filters

    def get_filters_within_the_calendar(self, request):
        try:
            filters = get_filters(self, request)
            # The bounds as the database gets them, in UTC: 1 January of year 1 in Da Nang is
            # still year 0 there.
            bounds = ("__gte", "__lt") if self.date_hierarchy else ()
            for bound in bounds:
                for value in filters[2].get(f"{self.date_hierarchy}{bound}", []):
                    if isinstance(value, dt.datetime) and value.tzinfo is not None:
                        value.astimezone(dt.UTC)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error
        return filters

    ChangeList.get_filters = get_filters_within_the_calendar
