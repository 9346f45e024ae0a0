"""The scoping gate (DESIGN.md §6) and the role table (DESIGN.md §1)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from guardian.shortcuts import assign_perm

from municipalities.access import (
    MEMBERSHIPS,
    MUNICIPALITY,
    ORGANISATION,
    PORTFOLIO,
    REPORTS,
    STAFF_RECORDS,
    STAFFING_AGGREGATES,
    STRATEGY,
    Action,
    Role,
    role_allows,
)
from municipalities.models import Membership, Municipality, OrgUnit
from tests.scoping.models import Dossier, DossierNote

S, L, C, H, A = Role.STRATEGIST, Role.PROJECT_LEAD, Role.COUNCIL, Role.HR, Role.ADMIN

# DESIGN.md §1, written out independently of access.py: area -> (roles that read, roles that edit).
EXPECTED = {
    MUNICIPALITY: ({S, L, C, H, A}, {A}),
    ORGANISATION: ({S, L, C, H, A}, {A}),
    MEMBERSHIPS: ({A}, {A}),
    STRATEGY: ({S, L, C, A}, {S, A}),
    PORTFOLIO: ({S, L, C, A}, {S, A}),  # project leads edit granted projects only (guardian)
    STAFF_RECORDS: ({H, A}, {H, A}),  # personal data: hr and admin only
    STAFFING_AGGREGATES: ({S, C, H, A}, set()),
    REPORTS: ({S, C, A}, {S, A}),
}


@pytest.mark.parametrize("area", list(EXPECTED), ids=lambda a: a.name)
@pytest.mark.parametrize("role", list(Role))
def test_role_table_matches_design(area, role):
    readers, editors = EXPECTED[area]
    assert role_allows({role}, area, Action.VIEW) is (role in readers)
    for action in (Action.ADD, Action.CHANGE, Action.DELETE):
        assert role_allows({role}, area, action) is (role in editors)


def test_several_roles_add_up():
    assert not role_allows({C}, STAFF_RECORDS, Action.VIEW)
    assert role_allows({C, H}, STAFF_RECORDS, Action.VIEW)


@pytest.mark.django_db
class TestScoping:
    def test_a_user_of_a_sees_no_row_of_b(self, town_a, town_b, make_user):
        user = make_user("anna", (town_a, A))
        assert set(Municipality.objects.for_user(user)) == {town_a}
        assert set(OrgUnit.objects.for_user(user).values_list("municipality", flat=True)) == {town_a.pk}
        assert not OrgUnit.objects.for_user(user).filter(municipality=town_b).exists()

    def test_member_of_two_sees_both_and_can_narrow_to_one(self, town_a, town_b, make_user):
        user = make_user("berta", (town_a, C), (town_b, S))
        assert set(Municipality.objects.for_user(user)) == {town_a, town_b}
        assert set(OrgUnit.objects.for_user(user, municipality=town_b).values_list("name", flat=True)) == {
            "Hauptamt B"
        }

    def test_roles_count_per_municipality(self, town_a, town_b, make_user):
        # Admin in A does not make the user admin in B.
        user = make_user("carl", (town_a, A), (town_b, C))
        assert set(OrgUnit.objects.for_user(user, Action.CHANGE).values_list("municipality", flat=True)) == {
            town_a.pk
        }
        assert set(Membership.objects.for_user(user).values_list("municipality", flat=True)) == {town_a.pk}

    def test_anonymous_inactive_and_memberless_see_nothing(self, town_a, make_user):
        inactive = make_user("dora", (town_a, A), is_active=False)
        memberless = make_user("emil")
        for user in (AnonymousUser(), inactive, memberless):
            assert not OrgUnit.objects.for_user(user).exists()
            assert not Municipality.objects.for_user(user).exists()

    def test_superuser_operates_the_installation(self, town_a, town_b):
        root = get_user_model().objects.create_superuser("root", password="x")
        assert Municipality.objects.for_user(root).count() == 2

    def test_the_gate_is_one_query_with_subqueries(self, town_a, make_user, django_assert_num_queries):
        user = make_user("fritz", (town_a, C), (town_a, H))
        with django_assert_num_queries(1):
            assert len(list(OrgUnit.objects.for_user(user))) == 2


@pytest.mark.django_db
class TestRowRulesAndGrants:
    """Council sees approved rows only; a project lead edits only what it was granted (guardian)."""

    @pytest.fixture
    def dossiers(self, town_a, town_b):
        return {
            "draft": Dossier.objects.create(municipality=town_a, title="draft"),
            "approved": Dossier.objects.create(municipality=town_a, title="approved", approved=True),
            "led": Dossier.objects.create(municipality=town_a, title="led"),
            "other": Dossier.objects.create(municipality=town_b, title="other", approved=True),
        }

    def titles(self, user, action=Action.VIEW, model=Dossier):
        return set(model.objects.for_user(user, action).values_list("title", flat=True))

    def test_council_sees_approved_rows_only(self, dossiers, town_a, make_user):
        council = make_user("rat", (town_a, C))
        assert self.titles(council) == {"approved"}
        assert self.titles(council, Action.CHANGE) == set()

    def test_strategist_sees_and_edits_all_of_its_municipality(self, dossiers, town_a, make_user):
        strategist = make_user("cdo", (town_a, S))
        assert self.titles(strategist) == {"draft", "approved", "led"}
        assert self.titles(strategist, Action.CHANGE) == {"draft", "approved", "led"}

    def test_project_lead_edits_granted_objects_only(self, dossiers, town_a, make_user):
        lead = make_user("lead", (town_a, L))
        assert self.titles(lead, Action.CHANGE) == set()
        assign_perm("scoping.change_dossier", lead, dossiers["led"])
        assert self.titles(lead) == {"draft", "approved", "led"}
        assert self.titles(lead, Action.CHANGE) == {"led"}
        assert self.titles(lead, Action.DELETE) == set()

    def test_a_grant_does_not_cross_municipalities_or_roles(self, dossiers, town_a, town_b, make_user):
        # A grant on B's object is worthless without the granting role in B.
        lead = make_user("lead2", (town_a, L), (town_b, C))
        assign_perm("scoping.change_dossier", lead, dossiers["other"])
        assert self.titles(lead, Action.CHANGE) == set()
        # And hr holds no granting role at all.
        hr = make_user("hr", (town_a, H))
        assign_perm("scoping.change_dossier", hr, dossiers["led"])
        assert self.titles(hr, Action.CHANGE) == set()

    def test_child_rows_are_scoped_through_their_parent(self, dossiers, town_a, make_user):
        DossierNote.objects.create(dossier=dossiers["draft"], text="a")
        DossierNote.objects.create(dossier=dossiers["other"], text="b")
        strategist = make_user("cdo2", (town_a, S))
        assert set(DossierNote.objects.for_user(strategist).values_list("text", flat=True)) == {"a"}
        assert set(
            DossierNote.objects.for_user(strategist, municipality=town_a).values_list("text", flat=True)
        ) == {"a"}
