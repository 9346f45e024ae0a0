"""Staffing pages: staff records for hr only (404 for everyone else and across municipalities), aggregates
suppressed below five people for other roles, query counts that do not grow with staff, HR forms."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from staffing.models import StaffSkill
from tests.staffing.conftest import add_demand, add_staff, skill

pytestmark = pytest.mark.django_db


class TestStaffRecords:
    def test_strategist_and_council_get_404_on_every_staff_record(
        self, town_a, strategist, council, client_for
    ):
        (member,) = add_staff(town_a, n=1)
        held = member.skills.get()
        for user in (strategist, council):
            client = client_for(user)
            for url in (
                reverse("staffing:staff", args=[member.pk]),
                reverse("staffing:staff-edit", args=[member.pk]),
                reverse("staffing:staff-delete", args=[member.pk]),
                reverse("staffing:part-create", args=["skill", member.pk]),
                reverse("staffing:part-edit", args=["skill", held.pk]),
                reverse("staffing:part-delete", args=["skill", held.pk]),
            ):
                assert client.get(url).status_code == 404, (user, url)
            assert client.get(reverse("staffing:staff-list")).status_code == 403

    def test_hr_sees_individuals_and_another_municipalitys_staff_is_404(self, town_a, town_b, hr, client_for):
        (own,) = add_staff(town_a, n=1)
        (foreign,) = add_staff(town_b, n=1)
        client = client_for(hr)
        listing = client.get(reverse("staffing:staff-list")).content.decode()
        assert own.personnel_number in listing and foreign.personnel_number not in listing
        assert client.get(reverse("staffing:staff", args=[own.pk])).status_code == 200
        assert client.get(reverse("staffing:staff", args=[foreign.pk])).status_code == 404
        assert client.get(reverse("staffing:part-create", args=["skill", foreign.pk])).status_code == 404

    def test_hr_records_a_skill_and_bad_input_changes_nothing(self, town_a, hr, client_for):
        (member,) = add_staff(town_a, n=1)
        client = client_for(hr)
        url = reverse("staffing:part-create", args=["skill", member.pk])
        target = skill("xoev-standards")
        bad = client.post(
            url, {"skill": target.pk, "level": "7", "assessed_on": "2026-05-01", "source": "manager"}
        )
        assert bad.status_code == 200 and "5" in bad.content.decode()
        assert not StaffSkill.objects.filter(staff=member, skill=target).exists()
        good = client.post(
            url, {"skill": target.pk, "level": "4", "assessed_on": "2026-05-01", "source": "manager"}
        )
        assert good.status_code == 302
        assert StaffSkill.objects.get(staff=member, skill=target).level == 4
        # The same skill twice is a message, not an error.
        again = client.post(
            url, {"skill": target.pk, "level": "2", "assessed_on": "2026-05-01", "source": "self"}
        )
        assert again.status_code == 200
        assert StaffSkill.objects.filter(staff=member, skill=target).count() == 1


class TestSuppression:
    def test_groups_under_five_are_hidden_from_the_strategist_but_not_from_hr(
        self, town_a, strategist, hr, client_for
    ):
        add_staff(town_a, n=3, skill_code="xoev-standards", level=4)  # a small group
        add_staff(town_a, n=6, skill_code="e-file", level=3)  # a big enough one
        xoev, efile = skill("xoev-standards"), skill("e-file")
        matrix = reverse("staffing:matrix") + "?level=3"
        for_strategist = client_for(strategist, "en").get(matrix).content.decode()
        for_hr = client_for(hr, "en").get(matrix).content.decode()

        def cells(body, name):
            row = body.split(f'<th scope="row">{name}</th>')[1].split("</tr>")[0]
            return re.findall(r'<td class="text-end">([^<]*)</td>', row)

        assert "&lt;5" in cells(for_strategist, xoev.name_en) and "3" not in cells(
            for_strategist, xoev.name_en
        )
        assert "6" in cells(for_strategist, efile.name_en)
        assert "3" in cells(for_hr, xoev.name_en)
        assert 'data-testid="privacy-note"' in for_strategist and 'data-testid="privacy-note"' not in for_hr

    def test_the_gap_page_hides_supply_and_shortage_of_few_holders(
        self, town_a, strategist, council, client_for
    ):
        add_staff(town_a, n=2, skill_code="xoev-standards", level=3, fte="0.5")
        add_demand(town_a, skill_code="xoev-standards", level=3, fte="2.0")
        for user in (strategist, council):
            body = client_for(user, "en").get(reverse("staffing:gaps")).content.decode()
            table = body.split('data-testid="skill-quarters"')[1].split("</table>")[0]
            assert "&lt;5" in table and "2.00" in table  # the projects' demand shows
            assert "1.00" not in table  # the two holders' FTE (2 × 0.5) must not show
            # Neither does whether they suffice: "short" (or an option to train, hire or buy) would say it.
            assert "short" not in table and "covered" not in table
            options = body.split('data-testid="gap-options"')[1].split("</table>")[0]
            assert skill("xoev-standards").name_en not in options


class TestQueryCounts:
    PAGES = ["staffing:gaps", "staffing:matrix", "staffing:exposure", "staffing:training"]

    def test_the_analysis_pages_do_not_grow_with_staff(self, town_a, hr, client_for):
        client = client_for(hr)
        add_demand(town_a)

        def counts():
            result = {}
            for page in self.PAGES:
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(reverse(page)).status_code == 200
                result[page] = len(queries)
            return result

        add_staff(town_a, n=2)
        small = counts()
        add_staff(town_a, n=25, skill_code="e-file", exit_date="2029-06-30")
        assert counts() == small


def test_hr_sees_the_demand_of_the_projects_as_an_aggregate(town_a, hr, client_for):
    add_staff(town_a, n=6, skill_code="e-file", level=3)
    add_demand(town_a, skill_code="e-file", level=3, fte="2.0")
    body = client_for(hr, "en").get(reverse("staffing:gaps")).content.decode()
    table = body.split('data-testid="skill-quarters"')[1].split("</table>")[0]
    assert "2.00" in table  # the demand of the running project
