"""Rules of the portfolio models: LeiKa keys, levels under both model versions, status transitions,
dependency cycles, service-change limits, and the database constraints behind them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from portfolio.actions import project_transition
from portfolio.models import Dependency, Project, Service, ServiceChange, Status, SubjectArea
from tests.portfolio.conftest import make_project, make_service

pytestmark = pytest.mark.django_db


def service(municipality, **fields) -> Service:
    fields.setdefault("subject_area", SubjectArea.objects.get(code="bauen-wohnen"))
    return Service(municipality=municipality, name=fields.pop("name", "Baugenehmigung"), **fields)


class TestSubjectAreas:
    def test_the_fourteen_ozg_subject_areas_are_there_in_both_languages(self):
        from django.utils import translation

        assert SubjectArea.objects.count() == 14
        area = SubjectArea.objects.get(code="familie-kind")
        with translation.override("de"):
            assert area.name == "Familie & Kind"
        with translation.override("en"):
            assert area.name == "Family & children"


class TestLeika:
    @pytest.mark.parametrize("key", ["99050012104000", ""])
    def test_valid_keys_and_none(self, town_a, key):
        service(town_a, leika_key=key).full_clean()

    @pytest.mark.parametrize("key", ["9905001210400", "990500121040001", "99 05001210400", "9905001210400X"])
    def test_invalid_keys_are_refused_with_a_message(self, town_a, key):
        with pytest.raises(ValidationError) as error:
            service(town_a, leika_key=key).full_clean()
        assert "14" in " ".join(error.value.message_dict["leika_key"])

    def test_the_database_refuses_a_malformed_key(self, town_a):
        with pytest.raises(IntegrityError), transaction.atomic():
            service(town_a, leika_key="12345").save()

    def test_a_key_is_unique_per_municipality_but_not_across(self, town_a, town_b):
        make_service(town_a, name="A", leika_key="99050012104000")
        make_service(town_b, name="A", leika_key="99050012104000")
        with pytest.raises(ValidationError):
            service(town_a, name="B", leika_key="99050012104000").full_clean()
        # Local services without a key do not clash with each other.
        make_service(town_a, name="C", leika_key="")
        make_service(town_a, name="D", leika_key="")


class TestMaturityLevels:
    def test_model_1_runs_to_4_and_model_2_to_7(self, town_a):
        service(town_a, model_version="1", level=4).full_clean()
        service(town_a, model_version="2", level=7).full_clean()
        with pytest.raises(ValidationError) as error:
            service(town_a, model_version="1", level=5).full_clean()
        assert "level" in error.value.message_dict

    def test_the_database_refuses_a_level_beyond_its_model(self, town_a):
        with pytest.raises(IntegrityError), transaction.atomic():
            service(town_a, model_version="1", level=6).save()

    def test_a_level_is_never_converted_between_versions(self, town_a):
        saved = make_service(town_a, model_version="1", level=4)
        saved.refresh_from_db()
        assert (saved.model_version, saved.level) == ("1", 4)

    def test_a_change_cannot_target_a_level_outside_the_service_model(self, town_a):
        old = make_service(town_a, model_version="1", level=2)
        project = make_project(town_a)
        with pytest.raises(ValidationError) as error:
            ServiceChange(project=project, service=old, target_level=6).full_clean()
        assert "target_level" in error.value.message_dict
        ServiceChange(project=project, service=old, target_level=4).full_clean()

    def test_minutes_saved_cannot_exceed_the_minutes_a_case_takes(self, town_a):
        svc = make_service(town_a, staff_minutes=40, citizen_minutes=60)
        project = make_project(town_a)
        with pytest.raises(ValidationError) as error:
            ServiceChange(project=project, service=svc, staff_minutes_saved=41).full_clean()
        assert "staff_minutes_saved" in error.value.message_dict
        ServiceChange(
            project=project, service=svc, staff_minutes_saved=40, citizen_minutes_saved=60
        ).full_clean()


class TestStatusTransitions:
    def test_the_usual_path_and_its_dates(self, town_a):
        project = make_project(town_a, status=Status.IDEA)
        for status in (Status.PROPOSED, Status.APPROVED, Status.IN_PROGRESS):
            project = project_transition(project=project, status=status, on=datetime.date(2026, 3, 1))
        assert project.actual_start == datetime.date(2026, 3, 1)
        project = project_transition(project=project, status=Status.COMPLETED, on=datetime.date(2026, 9, 1))
        assert (project.status, project.actual_end) == (Status.COMPLETED, datetime.date(2026, 9, 1))

    @pytest.mark.parametrize(
        ("start", "target"),
        [
            (Status.IDEA, Status.IN_PROGRESS),
            (Status.IDEA, Status.COMPLETED),
            (Status.PROPOSED, Status.COMPLETED),
            (Status.APPROVED, Status.COMPLETED),
        ],
    )
    def test_skipping_steps_is_refused_with_the_possible_next_steps(self, town_a, start, target):
        project = make_project(town_a, status=start)
        with pytest.raises(ValidationError) as error:
            project_transition(project=project, status=target)
        assert "status" in error.value.message_dict
        project.refresh_from_db()
        assert project.status == start

    def test_a_completed_project_is_not_reopened_on_any_path(self, town_a):
        project = make_project(town_a, status=Status.IN_PROGRESS)
        project = project_transition(project=project, status=Status.COMPLETED)
        project.status = Status.IN_PROGRESS
        with pytest.raises(ValidationError):
            project.save()  # not through the action: the model itself refuses
        assert Project.objects.get(pk=project.pk).status == Status.COMPLETED

    def test_a_grant_needs_its_programme_and_a_duty_its_legal_basis(self, town_a):
        project = Project(municipality=town_a, title="X", layer="back_end", funding="grant", mandatory=True)
        with pytest.raises(ValidationError) as error:
            project.full_clean()
        assert {"grant_programme", "legal_basis"} <= set(error.value.message_dict)


class TestDependencies:
    def test_a_cycle_is_refused_with_a_message_that_names_it(self, town_a):
        a, b, c = (make_project(town_a, title=t) for t in ("Portal", "E-Akte", "Schnittstelle"))
        Dependency.objects.create(project=a, requires=b)
        Dependency.objects.create(project=b, requires=c)
        with pytest.raises(ValidationError) as error:
            Dependency(project=c, requires=a).full_clean()
        message = " ".join(error.value.message_dict["requires"])
        assert "Schnittstelle → Portal → E-Akte → Schnittstelle" in message

    def test_self_dependency_refused_by_form_rule_and_database(self, town_a):
        a = make_project(town_a)
        with pytest.raises(ValidationError):
            Dependency(project=a, requires=a).full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            Dependency.objects.create(project=a, requires=a)

    def test_a_chain_without_cycle_is_fine(self, town_a):
        a, b, c = (make_project(town_a, title=t) for t in ("A", "B", "C"))
        Dependency.objects.create(project=a, requires=b)
        Dependency(project=a, requires=c).full_clean()
        Dependency(project=c, requires=b).full_clean()

    def test_projects_of_another_municipality_cannot_be_required(self, town_a, town_b):
        a, foreign = make_project(town_a), make_project(town_b)
        with pytest.raises(ValidationError):
            Dependency(project=a, requires=foreign).full_clean()
