"""In the test suite, rows read through the scoping gate raise on a lazy load (Django's FETCH_RAISE;
``DIGIPLAN_FETCH_MODE_RAISE`` in digiplan/settings/test.py, ``ScopedQuerySet._strict``; STYLE.md 5)."""

import pytest
from django.core.exceptions import FieldFetchBlocked

from municipalities.access import Action, Role
from municipalities.models import Municipality
from tests.scoping.models import Dossier, DossierNote

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(town_a, make_user):
    user = make_user("cdo", (town_a, Role.STRATEGIST))
    for title in ("Eins", "Zwei"):
        DossierNote.objects.create(dossier=Dossier.objects.create(municipality=town_a, title=title), text="-")
    return user


def test_a_lazy_load_on_rows_read_through_the_gate_raises(notes):
    rows = list(DossierNote.objects.for_user(notes))
    with pytest.raises(FieldFetchBlocked):
        rows[0].dossier  # noqa: B018
    # The same for rows reached through a related manager of a row read through the gate.
    municipality = Municipality.objects.for_user(notes).get()
    child = municipality.org_units.filter(parent__isnull=False).first()  # town_a's "IT A"
    with pytest.raises(FieldFetchBlocked):
        child.parent  # noqa: B018


def test_a_select_related_read_passes(notes):
    assert [n.dossier.title for n in DossierNote.objects.for_user(notes).select_related("dossier")]


def test_writes_and_code_outside_the_gate_keep_djangos_default(notes):
    assert DossierNote.objects.for_user(notes, Action.CHANGE).first().dossier.title
    assert DossierNote.objects.first().dossier.title


def test_off_unless_the_setting_says_so(notes, settings):
    settings.DIGIPLAN_FETCH_MODE_RAISE = False
    assert DossierNote.objects.for_user(notes).first().dossier.title
