"""The in-app glossary: the terms Beatbook's pages use, in plain words, each with an anchor that help text
links to (`{% url 'web:glossary' %}#gi-star`). Public: it holds no data."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Term:
    anchor: str
    term: str
    meaning: str


TERMS = [
    Term(
        "abstraction",
        "Abstraction",
        "Taking a neighbourhood officer away from neighbourhood duties to cover other work (response, custody, "
        "public order, a major incident). Beatbook records each one and flags those the force's policy does not "
        "allow, such as one authorised below chief inspector.",
    ),
    Term(
        "asb",
        "ASB (anti-social behaviour)",
        "Incidents recorded under the National Standard for Incident Recording as personal, nuisance or "
        "environmental (see NSIR). ASB is counted as incidents, not crimes.",
    ),
    Term(
        "bng",
        "BNG (British National Grid)",
        "The Ordnance Survey's grid of eastings and northings in metres. Hotspot cells are squares of this grid "
        "(250 m by default); a cell is named by its lower-left corner, e.g. 442500, 374500.",
    ),
    Term(
        "dosage",
        "Dosage",
        "How much patrol a designated hotspot gets: minutes each week against its weekly target, counting only "
        "visits inside the designation. A week counts as behind target only when all seven days fall inside the "
        "period shown.",
    ),
    Term(
        "difference-in-differences",
        "Difference in differences",
        "How a hotspot's evaluation separates the effect of patrols from the general trend: the change in the "
        "hotspot minus the change in the rest of its LPU over the same months (on log counts, with a 95% "
        "interval). It cannot rule out other changes made only in the hotspot at the same time.",
    ),
    Term(
        "fdr",
        "FDR (false discovery rate)",
        "When thousands of cells are tested at once, some look significant by chance. Beatbook adjusts Gi* "
        "p-values with the Benjamini–Hochberg procedure, so that among cells called significant at 5% about 5% "
        "are expected to be false alarms.",
    ),
    Term(
        "financial-year",
        "Financial year",
        "1 April to 31 March, written 2022/23. Quarters run Q1 April–June to Q4 January–March.",
    ),
    Term(
        "gi-star",
        "Gi* (Getis-Ord Gi-star)",
        "A hotspot score for each cell: how far the incidents in the cell and its eight neighbours together "
        "exceed what the whole area would lead you to expect, as a z-score (above about 2 is unusual). Because "
        "it counts the neighbours, a cell with no incidents of its own can rank high when it sits between busy "
        "cells: look at the cells around it.",
    ),
    Term(
        "kde",
        "Kernel density (KDE)",
        "A smoothed surface of incident density: each incident spreads over nearby cells, nearer ones more. "
        "Good for showing where incidents concentrate; it has no significance test.",
    ),
    Term(
        "koper",
        "Koper curve",
        "Research on hotspot patrols (Koper, 1995) found visits of about 10 to 15 minutes deter best, and "
        "longer stays add little. Beatbook reports the share of visits of that length.",
    ),
    Term(
        "lpu",
        "LPU (local policing unit)",
        "The level between a division and its neighbourhood teams, usually matching a district or borough.",
    ),
    Term(
        "lsoa",
        "LSOA (lower layer super output area)",
        "A small census area of about 1,500 residents (ONS, 2011). Police.uk places each crime in an LSOA, so "
        "Beatbook counts neighbourhoods as the LSOAs they are made of.",
    ),
    Term(
        "msoa",
        "MSOA (middle layer super output area)",
        "A census area of about 7,500 residents made of whole LSOAs. Maps draw MSOA outlines for orientation; a "
        "neighbourhood's outline is drawn where it is made of whole MSOAs, and its centre is shown where not.",
    ),
    Term(
        "nsir",
        "NSIR (National Standard for Incident Recording)",
        "The Home Office standard for recording incidents that are not crimes, including the three ASB types: "
        "personal (aimed at a person or group), nuisance (affecting a community) and environmental (affecting "
        "surroundings).",
    ),
    Term(
        "pai",
        "PAI (Predictive Accuracy Index)",
        "How well a hotspot method predicts where later incidents happen: the share of the later incidents "
        "caught in the top cells divided by the share of the area those cells cover. 1 is no better than chance; "
        "higher is better.",
    ),
    Term(
        "pcso",
        "PCSO (police community support officer)",
        "Uniformed police staff who work in neighbourhoods, without a constable's powers of arrest.",
    ),
    Term(
        "p-value",
        "p-value",
        "The chance of a result at least this extreme if nothing were really going on. Below 0.05 is usually "
        "called significant. Very small values are shown as < 0.001.",
    ),
    Term(
        "rate-per-1000",
        "Rate per 1,000 residents",
        "Incidents divided by the 2011 census population, times 1,000, so that areas of different sizes can be "
        "compared. Busy town centres have few residents, so their rates are high.",
    ),
    Term(
        "rolling-12-months",
        "Rolling 12 months",
        "The twelve months up to and including the latest month shown, compared with the twelve before them.",
    ),
    Term(
        "rri",
        "RRI (Recapture Rate Index)",
        "How stable a hotspot method's ranking is from one period to the next: the later incidents in the top "
        "cells relative to the earlier ones. Near 1 means the same places stay hot.",
    ),
    Term(
        "significance",
        "Significance of a % change",
        "A change between small counts is often chance: from 4 to 6 incidents is +50% but means little. Where "
        "either count is under 100, pages add a p-value from an exact test of two Poisson counts (the later count "
        "given the total is binomial with p = ½ if nothing changed, two-sided), and say 'may be chance' when p is "
        "0.05 or more.",
    ),
    Term(
        "snt",
        "SNT (safer neighbourhood team)",
        "The team of sergeants, constables and PCSOs that polices a group of neighbourhoods.",
    ),
    Term(
        "sara",
        "SARA (problem solving)",
        "Scanning, Analysis, Response and Assessment: the College of Policing's problem-solving model. A "
        "problem-solving plan records each stage; its assessment compares the linked incidents before and after "
        "against a comparison area.",
    ),
    Term(
        "problem-analysis-triangle",
        "Problem analysis triangle",
        "The three sides of a problem: victim (and guardian), offender (and handler), location (and manager). A "
        "response that changes any side can change the problem.",
    ),
    Term(
        "asb-powers",
        "ASB tools and powers (CPW, CPN, PSPO, CBO)",
        "The Anti-social Behaviour, Crime and Policing Act 2014's powers: community protection warning (CPW) and "
        "notice (CPN), public spaces protection order (PSPO), closure notice and order, civil injunction, "
        "criminal behaviour order (CBO), dispersal direction; and the voluntary acceptable behaviour contract "
        "(ABC).",
    ),
    Term(
        "case-review",
        "ASB Case Review (Community Trigger)",
        "A victim's right to ask the police, council and partners to review their response to persistent "
        "anti-social behaviour, when the local threshold is met (by law, three complaints in six months).",
    ),
    Term(
        "establishment",
        "Establishment and strength",
        "Establishment is the number of posts the budget pays for; strength is the people in post, as a headcount "
        "or full-time equivalent (FTE). The gap between them is the vacancies.",
    ),
    Term(
        "neighbourhood-crime",
        "Neighbourhood crime",
        "The Home Office's group of residential burglary, vehicle crime, theft from the person and robbery of "
        "personal property: crimes that affect people where they live.",
    ),
    Term(
        "call-lines",
        "999, 101 triage and ControlWorks",
        "999 is the emergency line (answered within 10 seconds is the national target). 101 is the non-emergency "
        "line: a first triage queue, then a second queue (ControlWorks) for calls that need a call handler.",
    ),
    Term(
        "local-policing-body",
        "Local policing body",
        "The body that holds the chief constable to account and sets the Police and Crime Plan: today a Police and "
        "Crime Commissioner, or a mayor with policing powers.",
    ),
    Term(
        "disproportionality",
        "Disproportionality (stop and search)",
        "Searches per 1,000 people of an ethnic group divided by the same rate for White people (the Home Office's "
        "measure). The population is the resident one from the Census, not the people present where searches happen.",
    ),
]


def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "web/glossary.html", {"terms": sorted(TERMS, key=lambda t: t.term.lower())})
