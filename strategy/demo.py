"""Musterstadt's demo strategy: the "Digitale Agenda Musterstadt 2030" (``manage.py demo``).

Version 1 is built as a draft and adopted by the council (DS 2022/117); version 2 is a revision with one
goal added, one removed and one target raised, adopted by DS 2025/042, which supersedes version 1.
Measurements are generated from a fixed seed, so every run yields the same mix: most indicators on track,
some at risk or off track, a few achieved, some stale (no value for longer than their update interval) and
two without any value. Idempotent: if the municipality already has a strategy of this title, nothing changes.
"""

from __future__ import annotations

import calendar
import random
import uuid
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from municipalities.models import Municipality, OrgUnit

from .actions import strategy_adopt, strategy_revise
from .models import (
    CouncilResolution,
    Direction,
    FieldOfAction,
    Goal,
    Indicator,
    IndicatorKind,
    Measurement,
    Strategy,
    UpdateInterval,
)

TITLE = "Digitale Agenda Musterstadt 2030"
BASELINE_DATE = date(2022, 12, 31)
LAST_MONTH = (2026, 10)  # measurements run until October 2026
AS_OF = date(2026, 11, 23)  # the day the statuses of the generated series are set for
SEED = 2030
RATSINFO = "https://ratsinfo.musterstadt.example/bi/vo020.asp?VOLFDNR="
# version → (number, date, title) of the adopting council resolution
RESOLUTIONS = {
    1: ("DS 2022/117", date(2022, 6, 30), "Beschluss der Digitalen Agenda Musterstadt"),
    2: ("DS 2025/042", date(2025, 3, 27), "Fortschreibung der Digitalen Agenda Musterstadt 2030"),
}
V2_ADOPTED = RESOLUTIONS[2][1]

VISION = (
    "Musterstadt ist 2030 eine digitale und bürgernahe Stadt. Alle wichtigen Anliegen lassen sich rund um "
    "die Uhr online erledigen – vom Antrag bis zum Bescheid ohne Medienbruch. Die Beschäftigten arbeiten "
    "mit der E-Akte ortsunabhängig, sicher und mit modernen Werkzeugen; das macht die Stadt zu einer "
    "attraktiven Arbeitgeberin. Die Daten der Stadt werden verantwortungsvoll genutzt und offen "
    "bereitgestellt, um Klimaschutz, Mobilität und Stadtentwicklung besser zu steuern. Wer die digitalen "
    "Angebote nicht nutzen kann oder will, wird weiterhin persönlich beraten."
)
PRINCIPLES = "\n".join(
    [
        "Digital first, aber niemand wird zurückgelassen: Online ist der Regelweg; Bürgerbüro, Telefon und "
        "Digitalsprechstunden bleiben für alle, die Unterstützung brauchen.",
        "Once-Only: Nachweise, die der Verwaltung bereits vorliegen, werden nicht erneut verlangt.",
        "Ende-zu-Ende-Digitalisierung statt „Papier hinter dem Portal“: Eine Leistung gilt erst als "
        "digitalisiert, wenn der Antrag ohne Ausdruck und Abtippen ins Fachverfahren und die E-Akte fließt.",
        "Datensouveränität: Die Stadt behält die Hoheit über ihre Daten und setzt auf offene Standards, "
        "offene Schnittstellen und, wo sinnvoll, Open Source.",
        "Barrierefreiheit: Alle Online-Angebote erfüllen die BITV 2.0 und sind mobil nutzbar.",
        "Nachnutzung vor Eigenentwicklung: Einer-für-Alle-Lösungen (EfA) und Lösungen anderer Kommunen "
        "werden geprüft, bevor selbst entwickelt wird.",
    ]
)

OUT, OC, IMP = IndicatorKind.OUTPUT, IndicatorKind.OUTCOME, IndicatorKind.IMPACT
M, Q = UpdateInterval.MONTHLY, UpdateInterval.QUARTERLY
H, Y = UpdateInterval.HALF_YEARLY, UpdateInterval.YEARLY
# How the generated measurements behave: progress against the straight path from baseline to target.
ON, RISK, OFF, DONE, STALE, NONE = "on", "risk", "off", "done", "stale", "none"


class Ind(NamedTuple):
    name: str
    unit: str
    kind: str
    baseline: float
    target: float  # in the current version; ``v1_target`` if version 1 had another one
    year: int  # target date: 31 December of this year
    interval: int
    source: str
    profile: str = ON
    owner: str | None = None  # defaults to the goal's owner
    v1_target: float | None = None


class G(NamedTuple):
    title: str
    owner: str
    year: int
    indicators: list[Ind]
    weight: int = 1
    only: int | None = None  # 1: removed in version 2; 2: added in version 2
    description: str = ""


# fmt: off
FIELDS: list[tuple[str, str, list[G]]] = [
    ("Online-Bürgerservices", "Verwaltungsleistungen sind einfach, sicher und jederzeit online nutzbar.", [
        G("Die wichtigsten Verwaltungsleistungen sind vollständig online verfügbar",
            "Stabsstelle Digitalisierung", 2028, [
            Ind("Online beantragbare Verwaltungsleistungen (Reifegrad ≥ 3)",
                "Leistungen", OUT, 42, 260, 2028, Q, "Leistungsregister / OZG-Dashboard", v1_target=200),
            Ind("Anteil online gestellter Anträge an allen Anträgen",
                "%", OC, 8, 45, 2028, Q, "Fachverfahren (Antragsstatistik)", RISK),
        ], weight=2),
        G("Kurze Wartezeiten im Bürgerbüro", "Bürgerbüro", 2026, [
            Ind("Wartezeit auf einen Termin im Bürgerbüro",
                "Tage", OC, 18, 5, 2026, Q, "Terminmanagementsystem", DONE),
            Ind("Anteil online gebuchter Termine", "%", OC, 35, 85, 2026, Q, "Terminmanagementsystem"),
        ]),
        G("Bezahlen ohne Medienbruch bei allen gebührenpflichtigen Online-Leistungen", "Kämmerei", 2027, [
            Ind("Gebührenpflichtige Online-Leistungen mit E-Payment",
                "%", OUT, 20, 100, 2027, H, "Kämmerei (Zahlungsverkehr)"),
        ]),
        G("Bescheide kommen digital ins Bürgerpostfach", "Stabsstelle Digitalisierung", 2027, [
            Ind("Leistungen mit Bescheidzustellung ins BundID-Postfach",
                "Leistungen", OUT, 0, 60, 2027, H, "Leistungsregister", RISK),
            Ind("Zufriedenheit mit den Online-Diensten", "%", IMP, 61, 80, 2029, Y, "Bürgerbefragung", NONE),
        ]),
        G("Barrierefreie Online-Angebote", "Hauptamt", 2026, [
            Ind("Online-Formulare mit bestandener BITV-Prüfung",
                "%", OUT, 15, 100, 2026, H, "BITV-Test", RISK),
        ]),
    ]),
    ("E-Akte und digitale Prozesse",
        "Verwaltungsarbeit läuft Ende-zu-Ende digital, ohne Ausdruck und Abtippen.", [
        G("Die E-Akte ist in allen Ämtern eingeführt", "Personal und Organisation", 2028, [
            Ind("Ämter mit produktiver E-Akte", "Ämter", OUT, 2, 14, 2028, Q, "DMS-Statistik"),
            Ind("Arbeitsplätze mit E-Akte-Zugang",
                "Arbeitsplätze", OUT, 60, 780, 2028, Q, "DMS-Statistik", owner="IT-Service"),
            Ind("Neu angelegte Papierakten pro Jahr",
                "Akten", OC, 14500, 2000, 2028, H, "Registratur / DMS-Statistik", RISK),
        ], weight=2),
        G("Online-Anträge fließen ohne Medienbruch ins Fachverfahren", "Stabsstelle Digitalisierung", 2029, [
            Ind("Online-Leistungen mit automatischer Übernahme ins Fachverfahren",
                "%", OC, 5, 70, 2029, Q, "Fachverfahren", OFF),
            Ind("Online-Leistungen, die im Backoffice ausgedruckt werden",
                "Leistungen", OC, 24, 2, 2029, Q, "Leistungsregister", RISK),
        ], weight=2),
        G("Elektronischer Rechnungsworkflow (XRechnung)", "Kämmerei", 2026, [
            Ind("Eingangsrechnungen im elektronischen Workflow",
                "%", OUT, 12, 90, 2026, Q, "Finanzsoftware (Rechnungseingangsbuch)"),
            Ind("Durchlaufzeit der Rechnungsfreigabe", "Tage", OC, 21, 7, 2026, Q, "Finanzsoftware"),
        ], only=1, description="2025 im Ziel „Ende-zu-Ende“ aufgegangen."),
        G("Digitales Baugenehmigungsverfahren", "Bauordnungsamt", 2027, [
            Ind("Digital eingereichte Bauanträge", "%", OC, 3, 90, 2027, Q, "Fachverfahren Bauaufsicht"),
            Ind("Bearbeitungsdauer einer Baugenehmigung",
                "Tage", OC, 112, 70, 2027, Q, "Fachverfahren Bauaufsicht", OFF),
        ]),
        G("Digitale Personalakte und Personalprozesse", "Personal und Organisation", 2027, [
            Ind("Digital geführte Personalakten", "%", OUT, 0, 100, 2027, H, "Personalamt", STALE),
            Ind("Papierlose Urlaubs- und Dienstreiseanträge", "%", OC, 10, 95, 2026, H, "Personalamt", DONE),
        ]),
        G("Kernprozesse sind dokumentiert und optimiert", "Personal und Organisation", 2028, [
            Ind("Modellierte Kernprozesse (BPMN)",
                "Prozesse", OUT, 12, 120, 2028, Q, "Prozessregister", RISK),
        ]),
        G("Künstliche Intelligenz verantwortungsvoll in der Sachbearbeitung erproben",
            "Stabsstelle Digitalisierung", 2028, [
            Ind("KI-Anwendungen im Echtbetrieb mit Folgenabschätzung",
                "Anwendungen", OUT, 0, 5, 2028, H, "KI-Register", NONE),
        ], only=2, description="Neu aufgenommen bei der Fortschreibung 2025."),
    ]),
    ("Digitale Kompetenzen und Kultur",
        "Beschäftigte und Bürgerschaft können die digitalen Angebote sicher nutzen.", [
        G("Alle Beschäftigten haben digitale Grundkompetenzen", "Personal und Organisation", 2027, [
            Ind("Beschäftigte mit Basisqualifizierung Digitales",
                "Beschäftigte", OUT, 85, 900, 2027, Q, "Personalamt (Fortbildungsstatistik)"),
            Ind("Beschäftigte, die sich im digitalen Arbeiten sicher fühlen",
                "%", OC, 48, 80, 2028, Y, "Beschäftigtenbefragung"),
        ], weight=2),
        G("Digitallotsinnen und Digitallotsen in jedem Amt", "Stabsstelle Digitalisierung", 2026, [
            Ind("Ausgebildete Digitallotsinnen und Digitallotsen",
                "Beschäftigte", OUT, 0, 30, 2026, H, "Personalamt", DONE),
        ]),
        G("Attraktive digitale Arbeitgeberin", "Personal und Organisation", 2029, [
            Ind("Besetzungsdauer offener IT-Stellen",
                "Tage", OC, 190, 90, 2029, H, "Personalamt (Bewerbermanagement)", OFF),
            Ind("Beschäftigte mit mobilem Arbeitsplatz",
                "%", OUT, 22, 80, 2027, Q, "IT-Service (Inventar)", owner="IT-Service"),
        ]),
        G("Digitale Teilhabe: niemand wird zurückgelassen", "Sozialamt", 2028, [
            Ind("Teilnehmende an Digitalsprechstunden (kumuliert)",
                "Personen", OC, 0, 1200, 2028, Q, "Stadtbibliothek / Quartiersbüros"),
            Ind("Orte mit unterstützter Online-Antragstellung",
                "Standorte", OUT, 1, 8, 2027, H, "Bürgerbüro", STALE, owner="Bürgerbüro"),
        ]),
    ]),
    ("Infrastruktur und Breitband",
        "Schnelles Netz für Haushalte, Unternehmen, Schulen und die Verwaltung.", [
        G("Gigabitfähige Anschlüsse für alle Haushalte", "Stabsstelle Digitalisierung", 2030, [
            Ind("Haushalte mit gigabitfähigem Anschluss", "%", OC, 38, 95, 2030, H, "Breitbandatlas"),
            Ind("Haushalte mit Glasfaseranschluss (FTTB/H)", "%", OC, 9, 75, 2030, H, "Breitbandatlas", RISK),
            Ind("Unterversorgte Adressen (unter 30 Mbit/s)",
                "Adressen", OC, 1450, 50, 2027, H, "Breitbandatlas / Förderprojekt"),
        ], weight=2),
        G("Alle Schulen sind an Glasfaser angebunden und mit WLAN ausgestattet",
            "Schul- und Sportamt", 2026, [
            Ind("Schulen mit Glasfaseranbindung",
                "Schulen", OUT, 6, 21, 2026, H, "Medienentwicklungsplan", DONE),
            Ind("Unterrichtsräume mit WLAN", "%", OUT, 30, 100, 2026, H, "Medienentwicklungsplan", RISK),
            Ind("Bandbreite je Schule", "Mbit/s", OC, 100, 1000, 2026, Y, "Schulträger (Netzbetreiber)"),
        ]),
        G("Stabile IT-Arbeitsplätze und Fachverfahren", "IT-Service", 2027, [
            Ind("Verfügbarkeit zentraler Fachverfahren",
                "%", OC, 98.2, 99.5, 2027, Q, "IT-Service (Monitoring)"),
            Ind("Lösungszeit von IT-Störungen",
                "Stunden", OC, 16, 6, 2027, Q, "Ticketsystem IT-Service", STALE),
        ]),
        G("Öffentliches WLAN an zentralen Orten", "Hauptamt", 2026, [
            Ind("Öffentliche WLAN-Hotspots",
                "Hotspots", OUT, 12, 60, 2026, Y, "IT-Service", owner="IT-Service"),
        ]),
    ]),
    ("Smart City und Daten", "Daten der Stadt werden offen bereitgestellt und zur Steuerung genutzt.", [
        G("Offene Daten: die Stadt veröffentlicht ihre Daten maschinenlesbar",
            "Stabsstelle Digitalisierung", 2027, [
            Ind("Veröffentlichte Open-Data-Datensätze",
                "Datensätze", OUT, 5, 120, 2027, Q, "Open-Data-Portal"),
            Ind("Abrufe des Open-Data-Portals je Quartal",
                "Abrufe", OC, 300, 5000, 2028, Q, "Open-Data-Portal"),
        ]),
        G("Urbane Datenplattform und Sensorik", "Umweltamt", 2028, [
            Ind("Angeschlossene Sensoren (LoRaWAN)",
                "Sensoren", OUT, 0, 400, 2028, Q, "Urbane Datenplattform", owner="IT-Service"),
            Ind("Ämter, die mit Dashboards der Datenplattform steuern",
                "Ämter", OC, 0, 10, 2028, H, "Urbane Datenplattform", STALE),
        ]),
        G("Klimaschutz datengestützt steuern", "Umweltamt", 2030, [
            Ind("Energieverbrauch städtischer Gebäude (witterungsbereinigt)",
                "MWh", IMP, 24800, 19000, 2030, Y, "Energiemanagement"),
            Ind("Städtische Liegenschaften mit smarten Zählern",
                "%", OUT, 10, 100, 2028, H, "Energiemanagement"),
        ]),
        G("Parken mit Echtzeitinformation", "Ordnungsamt", 2027, [
            Ind("Stellplätze mit Belegungsanzeige in Echtzeit",
                "Stellplätze", OUT, 0, 1500, 2027, H, "Parkleitsystem", OFF),
        ]),
    ]),
    ("IT-Sicherheit", "Informationssicherheit und Datenschutz sind von Anfang an mitgeplant.", [
        G("Informationssicherheit nach BSI IT-Grundschutz", "IT-Service", 2028, [
            Ind("Umgesetzte Basis-Anforderungen des IT-Grundschutzes",
                "%", OUT, 35, 100, 2028, H, "IT-Grundschutz-Check", RISK),
            Ind("Schwerwiegende Sicherheitsvorfälle pro Jahr",
                "Vorfälle", IMP, 4, 0, 2028, Y, "Informationssicherheitsbeauftragte"),
        ], weight=2),
        G("Sensibilisierte Beschäftigte", "IT-Service", 2026, [
            Ind("Beschäftigte mit jährlicher Security-Awareness-Schulung",
                "%", OUT, 15, 95, 2026, Q, "Lernplattform", DONE),
            Ind("Klickrate bei Phishing-Simulationen",
                "%", OC, 24, 5, 2027, Q, "IT-Service (Phishing-Simulation)"),
        ]),
        G("Notfallvorsorge und Wiederanlauf", "IT-Service", 2027, [
            Ind("Kritische Fachverfahren mit getestetem Wiederanlaufplan",
                "%", OUT, 10, 100, 2027, H, "IT-Notfallhandbuch"),
            Ind("Wiederherstellungszeit kritischer Systeme im Test",
                "Stunden", OC, 72, 24, 2027, Y, "IT-Service (Notfalltest)"),
        ]),
    ]),
]
# fmt: on


def _year_end(year: int) -> date:
    return date(year, 12, 31)


def _quantize(value: float, spec: Ind) -> Decimal:
    places = 0
    if spec.unit in ("%", "Tage", "Stunden"):
        places = 2 if abs(spec.target - spec.baseline) < 5 else 1
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _dates(interval: int) -> list[date]:
    """Month ends from 2023 to LAST_MONTH, one per interval (quarter ends, half-year ends, year ends)."""
    step = {M: 1, Q: 3, H: 6, Y: 12}[interval]
    return [
        date(year, month, calendar.monthrange(year, month)[1])
        for year in range(2023, LAST_MONTH[0] + 1)
        for month in range(step, 13, step)
        if (year, month) <= LAST_MONTH
    ]


def series(spec: Ind, rng: random.Random) -> list[tuple[date, Decimal, str]]:
    """(date, value, note) of the generated measurements of ``spec``, following its profile.

    The pace is the ratio of actual to expected progress at AS_OF, which is what sets the status
    (DESIGN.md §5: ≥ 95 % on track, 85–95 % at risk); stale series were ahead when their data stopped.
    """
    if spec.profile == NONE:
        return []
    dates = _dates(spec.interval)
    if spec.profile == STALE:  # the last delivery is a good while overdue
        dates = [d for d in dates if d <= date(2026, 1, 1) - timedelta(days=spec.interval)]
    span = (_year_end(spec.year) - BASELINE_DATE).days

    def elapsed(day: date) -> float:
        return (day - BASELINE_DATE).days / span

    pace = {ON: (1.04, 1.15), RISK: (0.89, 0.91), OFF: (0.5, 0.75), STALE: (0.97, 1.06)}
    if spec.profile == DONE:  # reached at one of the later dates, kept from then on
        reached = dates[rng.randrange(len(dates) // 2, len(dates) - 1)]
        final, slope = 1.0, 1 / elapsed(reached)
    else:
        final = min(rng.uniform(*pace[spec.profile]) * min(elapsed(AS_OF), 1.0), 0.98)
        slope = final / elapsed(dates[-1])
    rows, achieved = [], False
    for i, day in enumerate(dates):
        noise = rng.uniform(-0.003, 0.003) if i == len(dates) - 1 else rng.uniform(-0.02, 0.02)
        share, note = min(max(slope * elapsed(day) + noise, -0.03), final), ""
        if spec.profile == DONE and slope * elapsed(day) >= 1:
            share, note, achieved = 1.0, "" if achieved else "Zielwert erreicht.", True
        rows.append((day, _quantize(spec.baseline + (spec.target - spec.baseline) * share, spec), note))
    return rows


def _resolution(municipality: Municipality, version: int) -> CouncilResolution:
    number, day, title = RESOLUTIONS[version]
    url = RATSINFO + number.removeprefix("DS ").replace("/", "")
    resolution, _ = CouncilResolution.objects.get_or_create(
        municipality=municipality, number=number, defaults={"date": day, "title": title, "url": url}
    )
    return resolution


def _create_goal(
    field: FieldOfAction, spec: G, position: int, units: dict[str, OrgUnit], lineages: dict[str, uuid.UUID]
) -> Goal:
    goal = Goal.objects.create(
        field=field,
        title=spec.title,
        description=spec.description,
        owner=units.get(spec.owner),
        target_date=_year_end(spec.year),
        position=position,
        weight=spec.weight,
    )
    lineages[spec.title] = goal.lineage
    for ind in spec.indicators:
        target = ind.target if ind.v1_target is None else ind.v1_target  # v2 raises it afterwards
        indicator = Indicator.objects.create(
            goal=goal,
            name=ind.name,
            unit=ind.unit,
            kind=ind.kind,
            direction=Direction.INCREASE if target > ind.baseline else Direction.DECREASE,
            baseline_value=Decimal(str(ind.baseline)),
            baseline_date=BASELINE_DATE,
            target_value=Decimal(str(target)),
            target_date=_year_end(ind.year),
            owner=units.get(ind.owner or spec.owner),
            update_interval=ind.interval,
            source=ind.source,
        )
        lineages[ind.name] = indicator.lineage
    return goal


@transaction.atomic
def build(*, municipality: Municipality) -> None:
    """Create the demo strategy (two versions with measurements) unless the municipality already has it."""
    if Strategy.objects.filter(municipality=municipality, title=TITLE).exists():
        return
    units = {unit.name: unit for unit in OrgUnit.objects.filter(municipality=municipality)}
    lineages: dict[str, uuid.UUID] = {}  # field / goal title or indicator name → lineage
    v1 = Strategy.objects.create(
        municipality=municipality,
        title=TITLE,
        vision=VISION,
        guiding_principles=PRINCIPLES,
        start_year=2022,
        end_year=2030,
    )
    for position, (title, description, goals) in enumerate(FIELDS, start=1):
        field = FieldOfAction.objects.create(
            strategy=v1, title=title, description=description, position=position
        )
        lineages[title] = field.lineage
        for goal_position, spec in enumerate(goals, start=1):
            if spec.only != 2:
                _create_goal(field, spec, goal_position, units, lineages)
    strategy_adopt(strategy=v1, resolution=_resolution(municipality, 1))

    v2 = strategy_revise(strategy=v1)  # the 2025 update: one goal out, one goal in, one target raised
    for title, _description, goals in FIELDS:
        field = FieldOfAction.objects.get(strategy=v2, lineage=lineages[title])
        for goal_position, spec in enumerate(goals, start=1):
            if spec.only == 1:
                Goal.objects.get(field=field, lineage=lineages[spec.title]).delete()
            elif spec.only == 2:
                _create_goal(field, spec, goal_position, units, lineages)
            for ind in spec.indicators:
                if ind.v1_target is not None and spec.only is None:
                    indicator = Indicator.objects.get(goal__field=field, lineage=lineages[ind.name])
                    indicator.target_value = Decimal(str(ind.target))
                    indicator.save()
    strategy_adopt(strategy=v2, resolution=_resolution(municipality, 2))
    _record_measurements(v1, v2, lineages)


def _record_measurements(v1: Strategy, v2: Strategy, lineages: dict[str, uuid.UUID]) -> None:
    """Values before the 2025 adoption go to version 1's indicators, later ones to version 2's."""
    indicators = {
        (strategy_id, indicator.lineage): indicator
        for strategy_id in (v1.pk, v2.pk)
        for indicator in Indicator.objects.filter(goal__field__strategy_id=strategy_id)
    }
    user = get_user_model().objects.filter(username="strategie").first()
    rng = random.Random(SEED)
    rows = []
    for _title, _description, goals in FIELDS:
        for spec in goals:
            for ind in spec.indicators:
                for day, value, note in series(ind, rng):
                    version = v1 if day < V2_ADOPTED else v2
                    indicator = indicators.get((version.pk, lineages[ind.name]))
                    if indicator is None:  # a removed goal is no longer measured
                        continue
                    rows.append(
                        Measurement(
                            indicator=indicator,
                            date=day,
                            value=value,
                            source=ind.source,
                            note=note,
                            recorded_by=user,
                        )
                    )
    bulk_create_with_history(rows, Measurement, default_user=user)
