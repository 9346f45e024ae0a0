"""Musterstadt's demo staff and skills (``manage.py demo``; DESIGN.md §4 staffing, §5 skills gap, §6).

About 150 members of staff spread over the town's departments as a town of 61,000 inhabitants staffs them
(IT-Service 12, Stabsstelle Digitalisierung 4, Bürgerbüro 20 …), pseudonymous (personnel numbers; only a
few carry a fictional name), with job titles, FTE (about a third part time), employment types and the age
structure of a German administration: about a third leaves within ten years, most of them by retirement at
67, and fixed-term project posts end in 2027–2028. Each person holds two to six skills of the catalogue at
levels that fit the job; the role profiles of ``catalogue.ROLE_PROFILES`` set the targets.

The demand side is the portfolio's: the approved, running, paused and proposed projects of
``portfolio/demo_data.py`` need skills at a level, so many FTE, over their planned dates or a part of them.
The numbers are chosen so that the skills gap tells the classic story in 2027–2028: the e-file rollouts,
process modelling, XÖV interfaces, information security and IT procurement need more than the town has,
while specialised procedures, online services and interfaces are well covered. Two experts hold rare skills
alone and retire within five years (XÖV standards; EVB-IT and IT procurement). Planned hires close part of
the gaps, not all of them.

Everything is generated from the tables below and a fixed seed, in one transaction. The skills catalogue
is installed first on every run (reference data; a test database flushed between browser tests loses what
the migration loaded). Idempotent otherwise: if the municipality already has staff, nothing changes.
"""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction

from municipalities.models import Municipality, OrgUnit
from portfolio.models import COMMITTED, Project, Status

from . import catalogue
from .models import (
    EmploymentType,
    ExitReason,
    ProficiencyLevel,
    RoleProfile,
    RoleProfileSkill,
    Skill,
    SkillCategory,
    SkillDemand,
    SkillSource,
    StaffMember,
    StaffSkill,
    Vacancy,
)

SEED = 1867
AS_OF = date(2026, 11, 23)  # the day the demo is seen from (as portfolio.demo_data.AS_OF)
RETIREMENT_AGE = 67
FIRST_ASSESSMENT, LAST_ASSESSMENT = date(2024, 1, 8), date(2026, 10, 30)
LAST_ENTRY = date(2026, 10, 1)

CIVIL, EMPLOYEE, FIXED, TRAINEE = (
    EmploymentType.CIVIL_SERVANT,
    EmploymentType.EMPLOYEE,
    EmploymentType.FIXED_TERM,
    EmploymentType.TRAINEE,
)
RETIREMENT, CONTRACT_END = ExitReason.RETIREMENT, ExitReason.CONTRACT_END

# role profiles (catalogue.ROLE_PROFILES codes)
GUIDE, PROCESS, ADMIN, SECURITY, EFILE, PROJECT, DATA, PROCUREMENT = (
    "digital-guide",
    "process-manager",
    "it-administrator",
    "security-officer",
    "e-file-caseworker",
    "project-lead",
    "data-analyst",
    "it-procurement",
)

PROFILE_TEXT = {
    GUIDE: "Ansprechperson im eigenen Amt für digitale Verfahren: erklärt, schult und trägt "
    "Verbesserungsideen in die Projekte.",
    PROCESS: "Erhebt, modelliert und verbessert Verwaltungsprozesse und bereitet sie für die "
    "Digitalisierung vor.",
    ADMIN: "Betreibt Arbeitsplätze, Server und Netze der Stadtverwaltung und sorgt für einen sicheren "
    "Betrieb.",
    SECURITY: "Baut das Informationssicherheitsmanagement nach BSI IT-Grundschutz auf und steuert es.",
    EFILE: "Sachbearbeitung, die ihre Vorgänge vollständig in der E-Akte führt.",
    PROJECT: "Leitet Digitalisierungsprojekte von der Planung bis zur Übergabe in den Regelbetrieb.",
    DATA: "Wertet Verwaltungsdaten aus, pflegt ihre Qualität und stellt sie als Berichte, Dashboards und "
    "offene Daten bereit.",
    PROCUREMENT: "Bereitet IT-Beschaffungen vor und führt sie vergaberechtskonform mit EVB-IT-Verträgen "
    "durch.",
}

# Skills people hold as a certificate; years of validity (None: does not expire).
CERTIFICATES: dict[str, int | None] = {
    "it-grundschutz": 3,
    "itsm": None,
    "classic-pm": 3,
    "agile-pm": 2,
    "data-protection": 3,
    "accessibility": 2,
}


class Job(NamedTuple):
    """``count`` people with this title; each holds the first ``core`` skills and some of the others.

    The skills the town lacks (process modelling, XÖV, EVB-IT, IT procurement, information security) stay at
    levels 1–2 here: who holds them higher is written out as a ``Key`` person.
    """

    title: str
    count: int
    skills: list[tuple[str, int, int]]  # (skill code, lowest level, highest level)
    profile: str = ""  # role profile code
    profile_share: float = 0.0  # share of holders assigned that profile
    core: int = 2
    civil: float = 0.3  # share of civil servants
    part_time: float = 0.33
    trainee: bool = False
    contract_end: date | None = None  # a fixed-term post


class Key(NamedTuple):
    """One person written out: the specialists, the gaps and risks the demo shows hang on them."""

    title: str
    skills: list[tuple]  # (code, level) or (code, level, assessed on, valid until) for a certificate
    profile: str = ""
    fte: str = "1"
    employment: str = EMPLOYEE
    exit: date | None = None
    entry: date | None = None
    name: str = ""


def _leader(title: str, skills: list[tuple[str, int, int]]) -> Job:
    return Job(title, 1, skills, core=len(skills), civil=0.9, part_time=0.05)


def _trainee(title: str, count: int, skills: list[tuple[str, int, int]]) -> Job:
    return Job(title, count, skills, civil=0, part_time=0, trainee=True)


CASEWORK = [("specialised-procedures", 2, 3), ("e-file", 1, 2)]  # every caseworker's first two skills

# fmt: off
STAFF: list[tuple[str, list[Job | Key]]] = [
    ("Verwaltungsvorstand", [
        Job("Erste/r Beigeordnete/r", 1, [("digital-strategy", 3, 4), ("change-management", 3, 4),
            ("portfolio-management", 2, 3), ("classic-pm", 2, 3)], civil=1, part_time=0),
        Job("Büroleitung des Bürgermeisters", 1, [("plain-language", 3, 4), ("classic-pm", 2, 3),
            ("e-file", 2, 3), ("records-management", 2, 3)], civil=0.5, part_time=0.1),
        Job("Referent/in des Verwaltungsvorstands", 1, [("digital-strategy", 2, 3), ("plain-language", 3, 4),
            ("data-analysis", 2, 3), ("portfolio-management", 2, 2)], civil=0.5),
        Job("Sekretariat Verwaltungsvorstand", 1, [("e-file", 1, 2), ("records-management", 2, 2),
            ("plain-language", 2, 3)], civil=0),
    ]),
    ("Stabsstelle Digitalisierung", [
        Key("Leitung Stabsstelle Digitalisierung (CDO)", [("digital-strategy", 5),
            ("portfolio-management", 4), ("change-management", 4),
            ("classic-pm", 4, date(2025, 5, 15), date(2028, 5, 14)), ("agile-pm", 3),
            ("vendor-management", 3)], PROJECT, exit=date(2044, 6, 30), entry=date(2019, 4, 1),
            name="Dr. Miriam Hartmann"),
        Key("Prozessmanagerin", [("process-modelling", 4), ("process-analysis", 4), ("fim", 3),
            ("workflow-automation", 3), ("requirements", 3), ("change-management", 3)], PROCESS,
            exit=date(2049, 10, 31), entry=date(2021, 2, 1), name="Katrin Albers"),
        Key("Referent/in Digitalisierung (OZG, Projektstelle)", [("ozg-services", 4), ("user-research", 3),
            ("service-design", 3), ("accessibility", 3, date(2024, 2, 20), date(2026, 2, 19)),
            ("process-analysis", 3)], GUIDE, employment=FIXED, exit=date(2027, 12, 31),
            entry=date(2024, 1, 1)),
        Key("Projektleiter/in Digitalisierung (Projektstelle)", [("classic-pm", 4),
            ("agile-pm", 3, date(2025, 9, 1), date(2027, 8, 31)), ("requirements", 3),
            ("change-management", 3), ("tender-writing", 2)], PROJECT, employment=FIXED,
            exit=date(2028, 6, 30), entry=date(2025, 7, 1)),
    ]),
    ("Hauptamt", [
        _leader("Amtsleitung Hauptamt", [("change-management", 3, 3), ("classic-pm", 3, 3),
            ("digital-strategy", 2, 2), ("e-file", 2, 2)]),
        Key("Sachbearbeiter/in IT-Vergabe", [("it-procurement", 4), ("evb-it", 4), ("tender-writing", 4),
            ("vendor-management", 3), ("market-research", 3)], PROCUREMENT, exit=date(2030, 8, 31),
            entry=date(1991, 9, 1), name="Ulrike Sommer"),
        Job("Sachbearbeiter/in Vergabestelle", 2, [("tender-writing", 2, 3), ("vendor-management", 2, 2),
            ("it-procurement", 1, 2), ("evb-it", 1, 2), ("e-file", 1, 2)], PROCUREMENT, 0.5),
        Key("Behördliche/r Datenschutzbeauftragte/r", [("data-protection", 5, date(2024, 9, 30),
            date(2027, 9, 29)), ("security-awareness", 3), ("security-policy", 2), ("records-management", 2)],
            employment=CIVIL, exit=date(2038, 1, 31), entry=date(2004, 10, 1)),
        Job("Sachbearbeiter/in Zentrale Dienste und Poststelle", 2, [("scanning", 2, 3),
            ("records-management", 2, 2), ("e-file", 2, 3), ("archiving", 1, 2)], EFILE, 0.5, civil=0),
        Job("Sachbearbeiter/in Ratsbüro", 1, [("e-file", 2, 2), ("records-management", 2, 3),
            ("plain-language", 2, 3)], EFILE, 1.0),
    ]),
    ("Personal und Organisation", [
        _leader("Amtsleitung Personal und Organisation", [("change-management", 3, 3),
            ("data-protection", 3, 3), ("classic-pm", 2, 3)]),
        Key("Organisationsberater/in", [("process-analysis", 4), ("process-modelling", 3),
            ("process-costing", 3), ("change-management", 3)], PROCESS, fte="0.5", employment=CIVIL,
            exit=date(2028, 9, 30), entry=date(1985, 8, 1), name="Gerhard Lenz"),
        Job("Personalentwickler/in", 1, [("training", 3, 4), ("change-management", 3, 3), ("e-file", 1, 2),
            ("user-research", 1, 2)], GUIDE, 1.0, civil=0),
        Job("Sachbearbeiter/in Personal", 4, [*CASEWORK, ("data-protection", 2, 3),
            ("records-management", 2, 2)], EFILE, 0.5),
        Job("Sachbearbeiter/in Personalcontrolling", 1, [("data-analysis", 3, 3), ("bi-dashboards", 2, 3),
            ("data-quality", 2, 3)], DATA, 1.0, civil=0),
    ]),
    ("IT-Service", [
        Key("Leitung IT-Service", [("itsm", 4), ("vendor-management", 4), ("server-network", 3),
            ("cloud-hosting", 3), ("it-procurement", 2), ("security-policy", 2)], exit=date(2033, 5, 31),
            entry=date(1995, 3, 1), name="Thomas Becker"),
        Key("IT-Administrator/in", [("workplace-support", 3), ("server-network", 3), ("cloud-hosting", 3),
            ("itsm", 2)], ADMIN, exit=date(2059, 2, 28), entry=date(2026, 7, 1)),  # the filled vacancy
        Job("IT-Administrator/in", 4, [("workplace-support", 3, 5), ("server-network", 3, 5), ("itsm", 3, 4),
            ("cloud-hosting", 2, 4), ("incident-response", 2, 3), ("problem-management", 2, 3),
            ("it-grundschutz", 1, 2)], ADMIN, 1.0, civil=0.1, part_time=0.15),
        Key("IT-Sicherheitskoordinator/in", [("it-grundschutz", 3, date(2024, 4, 12), date(2026, 4, 11)),
            ("security-policy", 3), ("incident-response", 3), ("security-awareness", 3),
            ("server-network", 4)], SECURITY, exit=date(2041, 11, 30), entry=date(2012, 5, 1)),
        Job("Fachverfahrensbetreuer/in", 2, [("specialised-procedures", 3, 4), ("api-integration", 3, 3),
            ("testing", 2, 3), ("xoev-standards", 1, 2), ("itsm", 2, 3), ("low-code", 1, 2)], civil=0,
            part_time=0.2),
        Key("Fachverfahrensbetreuer/in Einwohnerwesen und Schnittstellen", [("xoev-standards", 4),
            ("specialised-procedures", 4), ("api-integration", 3), ("testing", 3)], fte="0.8",
            exit=date(2029, 4, 30), entry=date(1988, 10, 1), name="Bernd Hoffmann"),
        Key("DMS-Administrator/in (E-Akte)", [("e-file", 4), ("records-management", 4), ("scanning", 3),
            ("e-signature", 3), ("archiving", 3), ("workflow-automation", 2)], exit=date(2052, 3, 31),
            entry=date(2017, 9, 1)),
        _trainee("Auszubildende/r Fachinformatiker/in Systemintegration", 1, [("workplace-support", 1, 2),
            ("server-network", 1, 2), ("security-awareness", 1, 2)]),
    ]),
    ("Kämmerei", [
        _leader("Kämmerer/Kämmerin (Amtsleitung)", [("process-costing", 3, 4), ("data-analysis", 2, 3),
            ("change-management", 2, 3)]),
        Job("Sachbearbeiter/in Haushalt", 3, [("specialised-procedures", 3, 3), ("data-analysis", 2, 3),
            ("e-file", 1, 2), ("e-invoicing", 1, 2)], EFILE, 0.4),
        Job("Sachbearbeiter/in Steuern und Abgaben", 4, [*CASEWORK, ("records-management", 1, 2),
            ("plain-language", 2, 2), ("data-protection", 1, 2)], EFILE, 0.75),
        Job("Sachbearbeiter/in Stadtkasse", 3, [("e-invoicing", 2, 3), ("specialised-procedures", 3, 3),
            ("e-file", 1, 2)], EFILE, 0.5),
        Key("Key-User/in E-Akte Kämmerei", [("e-file", 3), ("records-management", 3), ("training", 3),
            ("e-invoicing", 3)], EFILE, fte="0.75", exit=date(2039, 7, 31), entry=date(2008, 8, 1)),
        Job("Sachbearbeiter/in Controlling", 1, [("data-analysis", 3, 3), ("bi-dashboards", 2, 3),
            ("data-quality", 2, 3)], DATA, 1.0),
        _trainee("Stadtinspektoranwärter/in", 1, [("specialised-procedures", 1, 2), ("e-file", 1, 2)]),
    ]),
    ("Ordnungsamt", [
        _leader("Amtsleitung Ordnungsamt", [("specialised-procedures", 2, 3), ("data-protection", 3, 3),
            ("change-management", 2, 3)]),
        Job("Sachbearbeiter/in Gewerbeangelegenheiten", 3, [("specialised-procedures", 3, 3),
            ("e-file", 2, 3), ("ozg-services", 2, 3), ("xoev-standards", 1, 2)], EFILE, 0.7),
        Job("Sachbearbeiter/in Straßenverkehr und Parken", 3, [*CASEWORK, ("geodata-gis", 1, 2),
            ("ozg-services", 1, 2)], EFILE, 0.4),
        Job("Sachbearbeiter/in Allgemeine Ordnungsangelegenheiten", 3, [*CASEWORK, ("plain-language", 2, 3),
            ("data-protection", 1, 2)], EFILE, 0.4),
        Job("Sachbearbeiter/in Bußgeldstelle", 2, [("specialised-procedures", 3, 3), ("scanning", 2, 2),
            ("e-file", 1, 2)], civil=0),
    ]),
    ("Bürgerbüro", [
        _leader("Leitung Bürgerbüro", [("specialised-procedures", 3, 4), ("ozg-services", 3, 3),
            ("change-management", 3, 3), ("service-design", 2, 2)]),
        Key("Koordinator/in Online-Dienste Bürgerbüro", [("ozg-services", 3), ("specialised-procedures", 3),
            ("plain-language", 3), ("user-research", 2), ("accessibility", 2)], GUIDE, fte="0.8",
            exit=date(2051, 5, 31), entry=date(2015, 3, 1)),
        Job("Sachbearbeiter/in Bürgerbüro", 15, [("specialised-procedures", 2, 4), ("plain-language", 2, 3),
            ("e-file", 1, 2), ("ozg-services", 1, 2), ("data-protection", 1, 2),
            ("security-awareness", 1, 2)], EFILE, 0.45, civil=0.2, part_time=0.4),
        Job("Mitarbeiter/in Servicecenter", 1, [("plain-language", 2, 3), ("ozg-services", 1, 2),
            ("specialised-procedures", 1, 2)], civil=0, part_time=0.5),
        _trainee("Auszubildende/r Verwaltungsfachangestellte/r", 2, [("specialised-procedures", 1, 2),
            ("e-file", 1, 1), ("plain-language", 1, 2)]),
    ]),
    ("Standesamt", [
        _leader("Leitung Standesamt", [("specialised-procedures", 4, 4), ("records-management", 3, 3),
            ("archiving", 3, 3), ("xoev-standards", 2, 2)]),
        Job("Standesbeamter/Standesbeamtin", 4, [("specialised-procedures", 3, 3),
            ("records-management", 2, 3), ("e-file", 1, 2), ("archiving", 2, 2)], EFILE, 0.6, civil=0.6),
        Job("Sachbearbeiter/in Standesamt", 1, [*CASEWORK, ("scanning", 1, 2)], EFILE, 1.0, civil=0),
    ]),
    ("Schul- und Sportamt", [
        _leader("Amtsleitung Schul- und Sportamt", [("change-management", 2, 3),
            ("specialised-procedures", 2, 2), ("classic-pm", 2, 3)]),
        Job("Sachbearbeiter/in Schulverwaltung", 4, [*CASEWORK, ("ozg-services", 1, 2),
            ("plain-language", 2, 2)], EFILE, 0.5),
        Job("Sachbearbeiter/in Sportstätten", 2, [*CASEWORK, ("geodata-gis", 1, 2)], civil=0),
        Job("Koordinator/in Schul-IT und Medienentwicklungsplanung", 1, [("workplace-support", 3, 4),
            ("vendor-management", 2, 3), ("it-procurement", 2, 2), ("cloud-hosting", 2, 3)], civil=0,
            part_time=0),
    ]),
    ("Sozialamt", [
        _leader("Amtsleitung Sozialamt", [("specialised-procedures", 3, 3), ("change-management", 2, 3),
            ("data-protection", 3, 3)]),
        Job("Teamleitung Sozialhilfe", 1, [("specialised-procedures", 3, 4), ("e-file", 2, 2),
            ("training", 2, 3), ("process-analysis", 2, 2)], EFILE, 1.0, civil=0.7, part_time=0.1),
        Job("Sachbearbeiter/in Grundsicherung und Hilfe zum Lebensunterhalt", 8, [*CASEWORK,
            ("data-protection", 2, 2), ("plain-language", 1, 3)], EFILE, 0.75),
        Job("Sachbearbeiter/in Wohngeld", 5, [*CASEWORK, ("ozg-services", 1, 2), ("data-protection", 1, 2)],
            EFILE, 0.6),
        Job("Sachbearbeiter/in Asylbewerberleistungen", 1, [*CASEWORK, ("plain-language", 2, 3)], EFILE, 1.0),
        Job("Sachbearbeiter/in Asylbewerberleistungen", 1, [*CASEWORK, ("plain-language", 2, 2)], civil=0,
            part_time=0, contract_end=date(2027, 12, 31)),
        Job("Sozialarbeiter/in", 1, [("plain-language", 3, 3), ("data-protection", 2, 3), ("e-file", 1, 1)],
            civil=0),
    ]),
    ("Jugendamt", [
        _leader("Amtsleitung Jugendamt", [("specialised-procedures", 3, 3), ("change-management", 2, 3),
            ("data-protection", 3, 3)]),
        Job("Sachbearbeiter/in Wirtschaftliche Jugendhilfe", 5, [*CASEWORK, ("data-protection", 2, 2),
            ("records-management", 1, 2)], EFILE, 0.6),
        Job("Sachbearbeiter/in Unterhaltsvorschuss", 3, [*CASEWORK, ("data-protection", 1, 2),
            ("plain-language", 2, 2)], EFILE, 0.7),
        Job("Sachbearbeiter/in Elterngeld", 2, [*CASEWORK, ("ozg-services", 1, 2)], EFILE, 0.5),
        Job("Sachbearbeiter/in Kindertagesbetreuung (Elternbeiträge)", 2, [*CASEWORK, ("ozg-services", 1, 2),
            ("plain-language", 1, 2)], EFILE, 0.5),
        Job("Beistand/Beiständin", 2, [("plain-language", 2, 3), ("e-file", 1, 2), ("data-protection", 2, 2)],
            civil=0.5),
        _trainee("Auszubildende/r Verwaltungsfachangestellte/r", 1, [("specialised-procedures", 1, 2),
            ("e-file", 1, 1)]),
    ]),
    ("Bauordnungsamt", [
        _leader("Amtsleitung Bauordnungsamt", [("specialised-procedures", 3, 3), ("e-file", 2, 3),
            ("change-management", 2, 3)]),
        Job("Bauingenieur/in Bauaufsicht", 5, [("specialised-procedures", 2, 3), ("e-file", 2, 3),
            ("geodata-gis", 2, 3), ("xoev-standards", 1, 1), ("process-analysis", 1, 2)], EFILE, 0.6,
            civil=0.5),
        Job("Sachbearbeiter/in Bauordnung", 4, [("e-file", 2, 3), ("specialised-procedures", 2, 3),
            ("records-management", 2, 2), ("scanning", 1, 2)], EFILE, 0.75),
        Key("Key-User/in E-Akte Bauordnungsamt", [("e-file", 3), ("records-management", 3), ("scanning", 3),
            ("training", 3), ("process-analysis", 2)], EFILE, employment=CIVIL, exit=date(2035, 3, 31),
            entry=date(1996, 8, 1)),
        Job("Sachbearbeiter/in Baulastenverzeichnis", 1, [("records-management", 3, 3), ("geodata-gis", 2, 2),
            ("e-file", 2, 2)], EFILE, 1.0),
        Job("GIS-Sachbearbeiter/in", 1, [("geodata-gis", 4, 4), ("data-quality", 3, 3),
            ("data-analysis", 2, 3), ("open-data", 2, 2)], DATA, 1.0, civil=0),
        Job("Sachbearbeiter/in Scanprojekt Bauakten", 1, [("scanning", 3, 3), ("records-management", 2, 2),
            ("e-file", 2, 2)], civil=0, part_time=0, contract_end=date(2027, 6, 30)),
    ]),
    ("Umweltamt", [
        _leader("Amtsleitung Umweltamt", [("specialised-procedures", 2, 3), ("geodata-gis", 2, 3),
            ("change-management", 2, 2)]),
        Job("Sachbearbeiter/in Abfallwirtschaft", 3, [("specialised-procedures", 3, 3), ("e-file", 1, 2),
            ("geodata-gis", 1, 2), ("ozg-services", 1, 2)], EFILE, 0.3),
        Job("Sachbearbeiter/in Friedhofsverwaltung", 2, [*CASEWORK, ("geodata-gis", 1, 2)], EFILE, 0.5),
        Job("Umweltingenieur/in", 1, [("geodata-gis", 3, 3), ("data-analysis", 2, 3), ("open-data", 2, 2)],
            DATA, 1.0, civil=0),
        Job("Klimaschutzmanager/in", 1, [("data-analysis", 3, 3), ("classic-pm", 3, 3),
            ("change-management", 2, 3), ("bi-dashboards", 2, 2)], civil=0, part_time=0,
            contract_end=date(2028, 3, 31)),
    ]),
]

# Age structure of the generated (not written-out) permanent staff: when they retire at 67. With the key
# people and the fixed-term posts, about 11 % retire within five years and a third leaves within ten.
SOON, MID, LATER, YOUNG = "soon", "mid", "later", "young"
COHORTS = {  # cohort: (first, last month of retirement), number of people (the rest are split LATER/YOUNG)
    SOON: ((2027, 1), (2031, 10), 13),
    MID: ((2031, 12), (2036, 10), 29),
    LATER: ((2037, 1), (2046, 12), 0),
    YOUNG: ((2047, 1), (2066, 12), 0),
}
UNKNOWN_EXIT = 0.2  # share of the younger cohorts whose retirement date HR has not entered

# (title, org unit, skill, level, FTE, expected start, filled)
VACANCIES: list[tuple[str, str, str, int, str, date, bool]] = [
    ("IT-Administrator/in (Nachbesetzung)", "IT-Service", "server-network", 3, "1", date(2026, 7, 1), True),
    ("Prozessmanager/in", "Stabsstelle Digitalisierung", "process-modelling", 3, "1", date(2027, 1, 1),
     False),
    ("Projektmitarbeiter/in E-Akte Sozialamt (befristet)", "Sozialamt", "e-file", 3, "1", date(2027, 1, 1),
     False),
    ("Informationssicherheitsbeauftragte/r", "IT-Service", "it-grundschutz", 4, "1", date(2027, 4, 1), False),
    ("Datenanalyst/in", "Stabsstelle Digitalisierung", "data-analysis", 3, "0.5", date(2027, 7, 1), False),
    ("Fachinformatiker/in Anwendungsentwicklung (Schnittstellen)", "IT-Service", "api-integration", 3, "1",
     date(2028, 1, 1), False),
    ("Sachbearbeiter/in IT-Vergabe (Nachfolge)", "Hauptamt", "it-procurement", 3, "1", date(2030, 4, 1),
     False),
]

# What the projects need: (skill, level, FTE, from, until); no dates: the project's planned dates.
Need = tuple[str, int, str, date | None, date | None]
DEMANDS: dict[str, list[Need]] = {
    # in progress
    "Nutzerkonto: Anbindung an die BundID": [
        ("ozg-services", 3, "0.4", None, None), ("api-integration", 3, "0.3", None, None),
        ("data-protection", 3, "0.1", None, None)],
    "Online-Hundesteuer": [("ozg-services", 3, "0.2", None, None),
                           ("specialised-procedures", 3, "0.3", None, None)],
    "Online-Anwohnerparken": [
        ("ozg-services", 3, "0.3", None, None), ("api-integration", 3, "0.2", None, None),
        ("specialised-procedures", 3, "0.2", None, None)],
    "ePayment für alle gebührenpflichtigen Online-Dienste": [
        ("api-integration", 3, "0.3", None, None), ("ozg-services", 2, "0.2", None, None),
        ("vendor-management", 3, "0.1", None, None)],
    "E-Akte im Bauordnungsamt": [
        ("e-file", 4, "0.8", None, None), ("records-management", 3, "0.4", None, None),
        ("scanning", 2, "0.5", None, None), ("change-management", 3, "0.2", None, None)],
    "E-Akte in der Kämmerei": [
        ("e-file", 4, "0.6", None, None), ("records-management", 3, "0.3", None, None),
        ("training", 3, "0.2", date(2026, 9, 1), None)],
    "E-Rechnung: Eingangsworkflow für XRechnung": [
        ("e-invoicing", 3, "0.4", None, None), ("workflow-automation", 3, "0.3", None, None)],
    "Prozessmodellierung Baugenehmigungsverfahren": [
        ("process-modelling", 4, "0.6", None, None), ("process-analysis", 3, "0.4", None, None)],
    "XMeld-Anbindung der Online-Meldedienste": [
        ("xoev-standards", 3, "0.4", None, None), ("specialised-procedures", 3, "0.3", None, None),
        ("testing", 3, "0.2", date(2026, 7, 1), None)],
    "Scanzentrum für den zentralen Posteingang": [
        ("scanning", 3, "1.0", None, None), ("records-management", 3, "0.3", None, None),
        ("e-file", 3, "0.3", date(2026, 6, 1), None)],
    "Personalmanagementsystem mit digitaler Personalakte": [
        ("requirements", 3, "0.4", None, date(2026, 6, 30)), ("classic-pm", 3, "0.4", None, None),
        ("change-management", 3, "0.3", None, None), ("data-protection", 3, "0.2", None, None)],
    "Informationssicherheit nach BSI IT-Grundschutz": [
        ("it-grundschutz", 4, "0.8", None, None), ("security-policy", 4, "0.4", None, None),
        ("business-continuity", 3, "0.4", date(2026, 1, 1), None),
        ("security-awareness", 3, "0.3", None, None)],
    # on hold: the work resumes later (Wohngeld waits for the e-file in the Sozialamt)
    "Wohngeld: EfA-Onlinedienst an das Fachverfahren anbinden": [
        ("api-integration", 3, "0.3", date(2027, 7, 1), date(2028, 3, 31)),
        ("xoev-standards", 3, "0.3", date(2027, 7, 1), date(2028, 3, 31))],
    "Prozessoptimierung Kita-Elternbeiträge": [
        ("process-modelling", 3, "0.3", date(2027, 3, 1), date(2027, 9, 30)),
        ("process-analysis", 3, "0.3", date(2027, 3, 1), date(2027, 9, 30))],
    "Smarte Parkraumsensorik in der Innenstadt": [
        ("geodata-gis", 3, "0.3", None, None), ("data-analysis", 3, "0.2", None, None),
        ("it-procurement", 3, "0.3", date(2026, 10, 1), None)],
    # approved
    "Digitaler Bauantrag": [
        ("ozg-services", 3, "0.4", None, None), ("process-modelling", 4, "0.3", None, None),
        ("xoev-standards", 3, "0.2", None, None), ("user-research", 2, "0.2", None, date(2027, 4, 30))],
    "XBau-Schnittstelle zum Bauaufsichtsverfahren": [
        ("xoev-standards", 4, "0.7", None, None), ("api-integration", 3, "0.4", None, None),
        ("process-modelling", 4, "0.4", None, date(2027, 4, 30)),
        ("testing", 3, "0.2", date(2027, 6, 1), None)],
    "E-Akte im Sozialamt": [
        ("e-file", 4, "1.2", None, None), ("process-modelling", 4, "0.6", None, date(2027, 12, 31)),
        ("it-procurement", 3, "0.4", None, date(2027, 6, 30)), ("change-management", 3, "0.4", None, None)],
    "Kita-Portal": [
        ("ozg-services", 3, "0.3", None, None), ("it-procurement", 3, "0.3", None, date(2027, 5, 31)),
        ("accessibility", 3, "0.2", None, None), ("data-protection", 3, "0.1", None, None)],
    "Digitale Signatur und elektronischer Bescheidversand": [
        ("e-signature", 3, "0.4", None, None), ("process-modelling", 3, "0.3", None, None),
        ("it-procurement", 3, "0.2", None, date(2027, 6, 30))],
    "Abfallbehälter-Änderungen automatisch veranlagen": [
        ("api-integration", 3, "0.2", None, None), ("specialised-procedures", 3, "0.2", None, None)],
    "Fortbildungsprogramm Digitallotsinnen und Digitallotsen": [
        ("training", 3, "0.5", None, None), ("change-management", 3, "0.3", None, None),
        ("process-analysis", 3, "0.2", None, None)],
    # proposed
    "Online-Anmeldung für Grundschule und OGS": [
        ("ozg-services", 3, "0.3", None, None), ("xoev-standards", 3, "0.2", None, None)],
    "E-Akte im Jugendamt": [
        ("e-file", 4, "0.8", None, None), ("records-management", 3, "0.4", None, None),
        ("process-modelling", 3, "0.4", None, date(2028, 6, 30))],
    "E-Akte im Standesamt": [
        ("e-file", 3, "0.4", None, None), ("xoev-standards", 3, "0.2", None, None),
        ("archiving", 3, "0.2", None, None)],
    "Elterngeld: Anbindung an ElterngeldDigital": [
        ("api-integration", 3, "0.2", None, None), ("xoev-standards", 3, "0.2", None, None)],
    "Friedhofsverwaltung digital": [
        ("ozg-services", 2, "0.2", None, None), ("it-procurement", 3, "0.3", None, date(2028, 3, 31)),
        ("specialised-procedures", 3, "0.2", None, None)],
}
# fmt: on
# The demo's projects state their demand from the proposal on (the gap analysis counts COMMITTED ones).
DEMAND_STATUSES = (Status.PROPOSED, *COMMITTED)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _random_date(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def _retirement(rng: random.Random, cohort: str) -> date:
    (first_year, first_month), (last_year, last_month), _ = COHORTS[cohort]
    months = (last_year - first_year) * 12 + last_month - first_month
    index = first_year * 12 + first_month - 1 + rng.randint(0, months)
    return _month_end(index // 12, index % 12 + 1)  # at the end of the month the person turns 67


def _entry(rng: random.Random, birth_year: int) -> date:
    age = rng.randint(18, 30) if rng.random() < 0.7 else rng.randint(31, 50)
    return min(date(birth_year + age, rng.choice((1, 4, 8, 9, 10)), 1), LAST_ENTRY)


def _fte(rng: random.Random, share: float) -> Decimal:
    if rng.random() >= share:
        return Decimal(1)
    return rng.choices([Decimal("0.5"), Decimal("0.75"), Decimal("0.8")], weights=[4, 4, 2])[0]


class _Person(NamedTuple):
    member: StaffMember
    skills: list[tuple]  # (code, level, source, assessed on, valid until)


def _assessed(rng: random.Random, code: str, level: int) -> tuple:
    """A skill row assessed by the manager or the person, on a day in 2024–2026."""
    source = rng.choices([SkillSource.MANAGER, SkillSource.SELF], weights=[6, 4])[0]
    return (code, level, source, _random_date(rng, FIRST_ASSESSMENT, LAST_ASSESSMENT), None)


def _skill_row(rng: random.Random, code: str, level: int) -> tuple:
    """As ``_assessed``, but a certifiable skill held at level 3 or more is often a certificate."""
    if code in CERTIFICATES and level >= 3 and rng.random() < 0.4:
        assessed, years = _random_date(rng, FIRST_ASSESSMENT, LAST_ASSESSMENT), CERTIFICATES[code]
        valid = assessed.replace(year=assessed.year + years) - timedelta(days=1) if years else None
        return (code, level, SkillSource.CERTIFICATE, assessed, valid)
    return _assessed(rng, code, level)


def _key_person(rng, municipality, unit, spec: Key, profiles) -> _Person:
    skills = []
    for code, level, *certificate in spec.skills:
        if certificate:
            skills.append((code, level, SkillSource.CERTIFICATE, *certificate))
        else:
            skills.append(_assessed(rng, code, level))
    reason = "" if spec.exit is None else (CONTRACT_END if spec.employment == FIXED else RETIREMENT)
    member = StaffMember(
        municipality=municipality,
        name=spec.name,
        org_unit=unit,
        job_title=spec.title,
        role_profile=profiles.get(spec.profile),
        fte=Decimal(spec.fte),
        employment_type=spec.employment,
        entry_date=spec.entry,
        exit_date=spec.exit,
        exit_reason=reason,
    )
    return _Person(member, skills)


def _job_person(rng, municipality, unit, job: Job, cohort: str | None, profiles) -> _Person:
    if job.trainee:
        employment, fte = TRAINEE, Decimal(1)
        entry, exit_date, reason = date(rng.choice((2024, 2025, 2026)), 8, 1), None, ""
    elif job.contract_end:
        employment, fte = FIXED, Decimal(1)
        entry = min(job.contract_end.replace(day=1) - timedelta(days=rng.choice((730, 1095))), LAST_ENTRY)
        entry, exit_date, reason = entry.replace(day=1), job.contract_end, CONTRACT_END
    else:
        employment = CIVIL if rng.random() < job.civil else EMPLOYEE
        fte = _fte(rng, job.part_time)
        exit_date, reason = _retirement(rng, cohort), RETIREMENT
        entry = _entry(rng, exit_date.year - RETIREMENT_AGE)
        if cohort in (LATER, YOUNG) and rng.random() < UNKNOWN_EXIT:
            exit_date, reason = None, ""
    core, extra = job.skills[: job.core], job.skills[job.core :]
    count = rng.randint(max(2, len(core)), min(6, len(job.skills)))
    chosen = core + rng.sample(extra, count - len(core))
    if job.trainee:
        chosen = [(code, 1, min(high, 2)) for code, _, high in chosen]
    skills = [_skill_row(rng, code, rng.randint(low, high)) for code, low, high in chosen]
    member = StaffMember(
        municipality=municipality,
        org_unit=unit,
        job_title=job.title,
        role_profile=profiles.get(job.profile) if rng.random() < job.profile_share else None,
        fte=fte,
        employment_type=employment,
        entry_date=entry,
        exit_date=exit_date,
        exit_reason=reason,
    )
    return _Person(member, skills)


def _cohorts(rng: random.Random) -> list[str]:
    """One retirement cohort per generated permanent member of staff, in random order."""
    count = sum(
        job.count
        for _, specs in STAFF
        for job in specs
        if isinstance(job, Job) and not job.trainee and not job.contract_end
    )
    fixed = [cohort for cohort, (*_, n) in COHORTS.items() for _ in range(n)]
    rest = count - len(fixed)
    cohorts = fixed + [LATER] * (rest // 2) + [YOUNG] * (rest - rest // 2)
    rng.shuffle(cohorts)
    return cohorts


def _profiles(municipality: Municipality, skills: dict[str, Skill]) -> dict[str, RoleProfile]:
    profiles = {}
    for code, name_de, name_en, targets in catalogue.ROLE_PROFILES:
        profile, created = RoleProfile.objects.get_or_create(
            municipality=municipality,
            name=name_de,
            defaults={"description": f"{PROFILE_TEXT[code]} (engl.: {name_en})"},
        )
        if created:
            RoleProfileSkill.objects.bulk_create(
                RoleProfileSkill(profile=profile, skill=skills[skill], target_level=level)
                for skill, level in targets
            )
        profiles[code] = profile
    return profiles


def _staff(municipality: Municipality, profiles, rng: random.Random) -> list[_Person]:
    units = {unit.name: unit for unit in OrgUnit.objects.filter(municipality=municipality)}
    cohorts = iter(_cohorts(rng))
    people = []
    for unit_name, specs in STAFF:
        unit = units[unit_name]
        for spec in specs:
            if isinstance(spec, Key):
                people.append(_key_person(rng, municipality, unit, spec, profiles))
                continue
            for _ in range(spec.count):
                permanent = not spec.trainee and not spec.contract_end
                cohort = next(cohorts) if permanent else None
                people.append(_job_person(rng, municipality, unit, spec, cohort, profiles))
    numbers = rng.sample(range(10_000, 60_000), len(people))  # pseudonymous, in no order
    for person, number in zip(people, numbers, strict=True):
        person.member.personnel_number = f"P-{number}"
        person.member.full_clean()  # invalid demo data fails loudly
    return people


def _demands(municipality: Municipality, skills: dict[str, Skill]) -> list[SkillDemand]:
    projects = Project.objects.filter(
        municipality=municipality, title__in=DEMANDS, status__in=DEMAND_STATUSES
    )
    existing = set(
        SkillDemand.objects.filter(project__in=projects).values_list("project_id", "skill__code", "level")
    )
    rows = []
    for project in projects:
        for code, level, fte, start, end in DEMANDS[project.title]:
            if (project.pk, code, level) in existing:
                continue
            row = SkillDemand(
                project=project, skill=skills[code], level=level, fte=Decimal(fte), start=start, end=end
            )
            row.full_clean()  # the period must be known: the demand's own or the project's planned dates
            rows.append(row)
    return rows


@transaction.atomic
def build(*, municipality: Municipality) -> None:
    """Create Musterstadt's staff, skills, role profiles, vacancies and project skill demands, unless the
    municipality already has staff; the skills catalogue is installed (or updated) on every run."""
    catalogue.install(SkillCategory=SkillCategory, Skill=Skill, ProficiencyLevel=ProficiencyLevel)
    if StaffMember.objects.filter(municipality=municipality).exists():
        return
    rng = random.Random(SEED)
    skills = {skill.code: skill for skill in Skill.objects.all()}
    profiles = _profiles(municipality, skills)

    people = _staff(municipality, profiles, rng)
    StaffMember.objects.bulk_create(person.member for person in people)
    saved = dict(StaffMember.objects.filter(municipality=municipality).values_list("personnel_number", "pk"))
    held = []
    for person in people:
        for code, level, source, assessed, valid in person.skills:
            row = StaffSkill(
                staff_id=saved[person.member.personnel_number],
                skill=skills[code],
                level=level,
                assessed_on=assessed,
                source=source,
                valid_until=valid,
            )
            row.full_clean(exclude=["staff", "skill"], validate_unique=False, validate_constraints=False)
            held.append(row)
    StaffSkill.objects.bulk_create(held)

    units = {unit.name: unit for unit in OrgUnit.objects.filter(municipality=municipality)}
    vacancies = []
    for title, unit, skill, level, fte, expected, filled in VACANCIES:
        vacancy = Vacancy(
            municipality=municipality,
            title=title,
            org_unit=units[unit],
            skill=skills[skill],
            level=level,
            fte=Decimal(fte),
            expected_date=expected,
            filled=filled,
        )
        vacancy.full_clean()
        vacancies.append(vacancy)
    Vacancy.objects.bulk_create(vacancies)
    SkillDemand.objects.bulk_create(_demands(municipality, skills))
