# ruff: noqa: E501 - the demo is prose and seed-shaped data, kept one item a line
"""The scrutiny demo: the Derbyshire Police and Crime Plan 2021–2025, the Performance Scrutiny Meeting of
21 March 2023 (paper in the shape of seed 000, its ASB and neighbourhood crime tables live elements frozen at
publication), its 11 public questions (seed 004's themes and areas, answers in our own words), the meeting of
28 November 2023 (shape of seed 002) and a coming meeting open for questions. The 999 measure's recorded values
run on after the November 2023 paper, SYNTHETIC, to the month before the demo is loaded (each financial year,
and the year so far), recorded after the papers are published so their frozen tables stay as printed.

Run after the incidents are loaded (the March 2023 paper freezes the crime tables to December 2022).
Idempotent: nothing is added when the plan exists.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from beatbook.accounts.models import User
from beatbook.areas.models import Area
from beatbook.contact.periods import month_end
from beatbook.demo.incidents import demo_last_month
from beatbook.lib.dates import london_to_utc
from beatbook.scrutiny import actions
from beatbook.scrutiny.models import Direction, Plan, Theme
from beatbook.scrutiny.outputs import generate_paper_files

PLAN_TITLE = "Police and Crime Plan 2021–2025"
PRIORITIES = [
    (
        "Strong local policing",
        [
            "Stronger, more effective neighbourhood policing teams to cut crime, bring more criminals to justice and keep law-abiding citizens safe",
            "Having additional officers recruited as part of the Police Uplift Programme",
            "Increasing our volunteers, special constables and other citizens in policing",
            "Ensuring officers have the training and support to use the powers available to them",
            "Providing officers with the right tools and technology",
            "Improving the 101 and 999 services, and digital and social media engagement",
            "An effective engagement and communication strategy so that local communities are listened to",
            "Creating greater public confidence in the police and more reporting of crime and concerns",
            "Effective policing that recognises vulnerability and deals with it appropriately",
            "Delivering a Derbyshire violence against women and girls strategy",
        ],
    ),
    (
        "Neighbourhood crime and anti-social behaviour",
        [
            "A proactive approach to monitor levels of crime and anti-social behaviour to identify hot spots",
            "Improving the 101 non-emergency call handling performance",
            "The police and community safety partners working together to drive down anti-social behaviour",
            "The police and partners using local intelligence to tackle drug dealing and misuse of drugs",
            "Targeted activity designed to reduce burglary and theft",
            "Sustainable solutions to local issues, supporting community initiatives that cut crime",
            "Supporting the expansion of Neighbourhood Watch schemes",
            "Better communication to keep residents informed of local issues and the police response",
            "Increasing community confidence in reporting crime and anti-social behaviour",
        ],
    ),
    ("Road safety", ["Reducing the number of people killed or seriously injured on Derbyshire's roads"]),
    ("Rural crime", ["Tackling crime that affects rural and farming communities"]),
    ("Victim support and safeguarding", ["Victims get the support they need to cope and recover"]),
    ("Driving efficiencies", ["Value for money from every pound spent on policing"]),
]

# Paper 000's shape: twelve sections; 5.2 and 7.2 carry the live ASB-by-type and neighbourhood crime tables.
MARCH_SECTIONS = [
    (
        "Overview of the Police and Crime Plan priority",
        [
            "<p>The force has a governance structure for neighbourhood crime and ASB: practitioner working groups chaired by a chief inspector report to a Neighbourhood Policing Board, which reports to the Responsive and Visible Policing Board.</p>",
            "<p>A Neighbourhood Policing Strategy and Delivery Plan 2023–2025 sets out the aims and the progress made; the board oversees it.</p>",
            "<p>Problem solving remains central to reducing demand and ASB: understanding the root cause of a problem so the response lasts.</p>",
        ],
    ),
    (
        "Summary of achievements in the past 12 months",
        [
            "<ul><li>An engagement app so neighbourhood officers record the engagement they do.</li><li>An abstraction app showing how often neighbourhood officers are taken away from their teams.</li><li>Neighbourhood Acquisitive Crime Teams focused on burglary suspects.</li><li>Safer Streets funding, secured with the Commissioner's office, for local projects.</li></ul>",
        ],
    ),
    (
        "Sub-objective 1: a proactive approach to monitor levels of crime and ASB to identify hot spots",
        [
            "<p>Crime and ASB are reviewed daily for threat, risk and vulnerability at the force tasking meetings, and local inspectors receive weekly hot spot analysis.</p>",
        ],
    ),
    (
        "Sub-objective 2: improving the 101 non-emergency call handling performance",
        [
            "<p>Investment in the contact centre continues; call data over five years is reported to the Commissioner.</p>",
        ],
    ),
    (
        "Sub-objective 3: partners working together to drive down ASB blighting communities",
        [
            "<p>ASB is recorded as personal, nuisance or environmental; call handlers close each incident with one of these codes.</p>",
            "<p>Comparing the latest 12 months (to December 2022) with the years before, the volume of incidents continues to fall.</p>",
            "<p>Every type of ASB has fallen, the largest numeric fall in nuisance. Since 2021 an ASB report that amounts to a crime is recorded directly as a crime, so fewer ASB incidents are raised.</p>",
        ],
    ),
    (
        "Sub-objective 4: tackling drug dealing and misuse of drugs",
        [
            "<p>Recorded drug possession offences fell compared with 2021; work continues with the Derby and Derbyshire Drugs and Alcohol Strategic Partnership.</p>",
        ],
    ),
    (
        "Sub-objective 5: targeted activity designed to reduce burglary and theft",
        [
            "<p>Neighbourhood crime remains below the 2018/19 baseline the Home Office uses, though most types rose again after the Covid lockdowns.</p>",
            "<p>The most recent figures, to December 2022, show neighbourhood crime up on the previous 12 months but still below pre-Covid levels.</p>",
        ],
    ),
    (
        "Sub-objective 6: sustainable solutions to local issues",
        [
            "<p>The force works with statutory and voluntary partners under the County and Community Safety Boards to prevent crime and divert people from it.</p>",
        ],
    ),
    (
        "Sub-objective 7: supporting the expansion of Neighbourhood Watch",
        [
            "<p>The force funds the Neighbourhood Watch project manager; watches and neighbourhood teams share information through Derbyshire Alert.</p>",
        ],
    ),
    (
        "Sub-objective 8: keeping residents informed of local issues and the police response",
        [
            "<p>Neighbourhood teams publish their priorities and use Derbyshire Alert and social media to tell residents what they are doing.</p>",
        ],
    ),
    (
        "Sub-objective 9: increasing community confidence in reporting crime and ASB",
        [
            "<p>Residents are encouraged to report online or on 101 so that hot spots and problems are understood.</p>",
        ],
    ),
    (
        "Conclusion",
        [
            "<p>The force continues to make progress on neighbourhood crime and ASB with its partners, and will report again to the Commissioner.</p>",
        ],
    ),
]
# (section number, paragraph within it after which the table follows, element, caption, source)
MARCH_TABLES = {
    (5, 2): ("crime:asb-by-type", "ASB incidents by type", "Force incident data, NSIR closure codes"),
    (7, 2): ("crime:neighbourhood-crime", "Neighbourhood crime by type", "Force crime data, Home Office offence codes"),
}

QUESTIONS = [  # (theme, area, question (as asked), answer (in our own words))
    (Theme.VISIBLE_POLICING, "Bolsover",
     "Why are local officers not seen on foot patrol meeting and reassuring the public, and why are no CID officers based at stations outside the Chesterfield headquarters?",
     "Bolsover has its own Safer Neighbourhood Team, supported by response officers from nearby bases. Its officers patrol in many ways, including on foot, and record their engagement so the local inspector can see where the gaps are. Divisional detectives cover Bolsover and work alongside the team, though they are based at the larger stations near custody suites."),
    (Theme.VISIBLE_POLICING, "Bolsover",
     "Why are there no police foot patrols in ASB hot spots at peak times in the S43 area?",
     "The Bolsover team patrols ASB hot spots as part of its targeted activity, balanced against other local priorities. Reports from residents show us exactly where the problems are, and persistent problems get a problem management plan with partners. Other teams help with patrols where needed."),
    (Theme.VISIBLE_POLICING, "South Derbyshire",
     "When will South Derbyshire have its full allocation of officers? Reports of dangerous parking get a reply that the team is understaffed.",
     "Staffing is reviewed continually against demand, and the South Derbyshire neighbourhood team has recently gained officers and a sergeant, with PCSO recruitment under way. Operations on parking around schools found mostly inconsiderate rather than dangerous parking. Residents can raise it at the area forums promoted by the council and the local team."),
    (Theme.VEHICLE_RELATED, "South Derbyshire",
     "When will you stop people parking so that the pavement is impassable?",
     "The neighbourhood team assesses reports of obstructive parking and works with residents and the council, which is often the lead agency for parking. Early advice usually resolves it; area forums are the place to agree longer-term solutions."),
    (Theme.VEHICLE_RELATED, "Derby City",
     "Why are illegal electric scooters on Derby's streets ignored, and how many have been seized and riders prosecuted?",
     "Riders stopped for the first time are warned and recorded; a second stop means the scooter is seized. A dedicated operation in the city, run under a problem management plan, has seized scooters and dealt with offences from documents to theft. Officers have guidance on the law and act on what they find."),
    (Theme.SPECIFIC_LOCATION, "High Peak",
     "What will be done about long-running ASB at Shirebrook Park, which has been reported repeatedly without change?",
     "The Glossop team has met residents and the Neighbourhood Watch, visited the park often in the evenings and installed temporary CCTV, which recorded no incidents; there have been no calls for some weeks. Partners are improving litter, and we ask residents to keep reporting so we can act."),
    (Theme.SPECIFIC_LOCATION, "Derby City",
     "What measures beyond the Safer Neighbourhood Team will reduce ASB in Sinfin: cannabis, off-road bikes, groups of youths, e-scooters and speeding?",
     "The team has arranged weekly sports sessions with a community trust and youth provision to divert young people, gives talks in schools on e-scooters and off-road bikes, and has equipment to deal with them. Forum meetings are advertised on social media, and reports on 101 help us target patrols."),
    (Theme.SPECIFIC_LOCATION, "Derby City",
     "Why are no beat officers seen in Mickleover in the late afternoon and evening, or in the city centre where drug dealing is seen?",
     "Neighbourhood teams work shifts that cover late afternoons and evenings. The city centre team patrols the area named daily and has had extra support in recent months, and Project Servator brings several police resources together to disrupt crime."),
    (Theme.POLICE_PERFORMANCE, "Erewash",
     "After years of reporting ASB and harassment by a neighbour, we were told to stop reporting. Why were we misled?",
     "We respond to all reports of crime, and neighbourhood teams deal with ongoing disputes between neighbours, often with other agencies when the criminal justice route is not the right one. We cannot discuss an individual case in public; the local team will contact the person who asked."),
    (Theme.MISCELLANEOUS, "North East Derbyshire",
     "If there are 8 burglaries a day, some 2,920 a year, how many of them lead to convictions?",
     "In the previous 12 months the North East LPU recorded 433 residential burglaries, including sheds and outbuildings. The force's positive outcome rate for burglary is improving, to 5.5% from 4.9% in 2022, against 5.2% nationally; the March 2023 paper sets out the work on neighbourhood acquisitive crime."),
    (Theme.MISCELLANEOUS, "Chesterfield",
     "Victim Support said criminals have 'friends in high places' and they could not help. How comfortable are you with that?",
     "We are very concerned by what is described and would like to speak to the person who asked. We expect the victim services the Commissioner commissions to offer support to every victim and to refer concerns back to us."),
]  # fmt: skip

NOVEMBER_SECTIONS = [
    ("Overview of the strategic priority", [
        "<p>Neighbourhood policing matters to the force and has seen continued growth and investment, supporting the Chief Constable's priorities, the Commissioner's plan and the national Beating Crime Plan.</p>",
    ]),
    ("Summary of achievements in the past 12 months", [
        "<p>With partners, the force introduced the Most Appropriate Agency policy so that people get the right help from the right service.</p>",
    ]),
    ("Sub-objective 1: stronger, more effective neighbourhood policing teams", [
        "<p>The Prevention and Partnership Team is now a department of its own, responsible for neighbourhood policing, problem solving and prevention.</p>",
        "<p>Neighbourhood teams set priorities with their communities every quarter, informed by the crime and ASB figures summarised below.</p>",
    ]),
    ("Sub-objective 2: additional officers through the Police Uplift Programme", [
        "<p>The force recruited 283 additional officers over the three years of the uplift programme.</p>",
    ]),
    ("Sub-objective 3: volunteers, special constables and citizens in policing", ["<p>Recruitment of special constables and volunteers continues.</p>"]),
    ("Sub-objective 4: training and support to use police powers", ["<p>Officers are trained in the fair and effective use of stop and search.</p>"]),
    ("Sub-objective 5: the right tools and technology", ["<p>Officers have mobile devices and apps to record their work away from the station.</p>"]),
    ("Sub-objective 6: improving the 101 and 999 services", [
        "<p>More 999 calls are answered within 10 seconds than in earlier years.</p>",
    ]),
    ("Sub-objective 7: engagement and communication with local communities", ["<p>Teams record their engagement with communities in the engagement app.</p>"]),
    ("Sub-objective 8: public confidence and reporting", ["<p>The force encourages reporting online and on 101.</p>"]),
    ("Sub-objective 9: recognising vulnerability", ["<p>Officers are trained to recognise vulnerability and act on it.</p>"]),
    ("Sub-objective 10: violence against women and girls", ["<p>The Derbyshire strategy on violence against women and girls is being delivered with partners.</p>"]),
    ("Conclusion", ["<p>The force continues to strengthen local policing and will report again to the Commissioner.</p>"]),
]  # fmt: skip
NOVEMBER_TABLES = {
    (3, 2): ("crime:summary", "Crime and ASB by reporting period", "Force crime and incident data"),
    (8, 1): ("measure:calls-999-answered-10s", "999 calls answered within 10 seconds", "Force contact centre figures"),
}  # fmt: skip


PAPER_TIME = time(9, 0)  # papers are submitted and published in the morning, before the meeting


def _local(day: date, at: time) -> datetime:
    return london_to_utc(datetime.combine(day, at))


def _paper(meeting, title, data_to, sections, tables, drafter, scrutiny):  # noqa: ANN001, ANN202
    paper = actions.do_draft_paper(meeting=meeting, title=title, data_to=data_to, acting_user=drafter)
    for heading, paragraphs in sections:
        section = actions.do_add_section(paper=paper, heading=heading, acting_user=drafter)
        for index, html in enumerate(paragraphs, start=1):
            element, caption, source = tables.get((section.number, index), ("", "", ""))
            actions.do_add_block(
                section=section, html=html, element=element, caption=caption, source=source, acting_user=drafter
            )
    # Submitted a week before the meeting and published, frozen as at, on the meeting's day (the seed paper's
    # date), so neither the paper's dates nor its figures show the day the demo is loaded.
    meeting_day = timezone.localtime(meeting.starts_at).date()
    submitted_at, published_at = _local(meeting_day - timedelta(days=7), PAPER_TIME), _local(meeting_day, PAPER_TIME)
    actions.do_submit_paper(paper=paper, acting_user=drafter, submitted_at=submitted_at)
    paper = actions.do_publish_paper(paper=paper, acting_user=scrutiny, published_at=published_at)
    generate_paper_files(paper.pk)  # a command, not a web process: the demo's files are ready without a worker
    return paper


SEED_999_TO = date(2023, 10, 31)  # the November 2023 paper's last figure
RECENT_999_SOURCE = "Derbyshire Constabulary contact centre (demo figures after October 2023, synthetic)"


def recent_999_values(last_month: date) -> list[tuple[date, float]]:
    """(period end, % of 999 calls answered within 10 seconds in the financial year to it) from 2023-24 to
    `last_month`: each whole financial year, then the year so far; holding near April-October 2023's 91%."""
    values = []
    year_end = date(2024, 3, 31)
    while year_end <= month_end(last_month):
        values.append((year_end, 91 + (year_end.year % 2)))  # 91, 92, 91...: a plateau near the target
        year_end = date(year_end.year + 1, 3, 31)
    latest = month_end(last_month)
    if latest > SEED_999_TO and (not values or values[-1][0] != latest):
        values.append((latest, 90))  # the year so far: a little lower in the busy months
    return values


@transaction.atomic
def do_load_demo_scrutiny(force: Area, *, today: date | None = None) -> Plan:
    """The plan, measures, meetings, papers and questions above (once); the 999 measure runs on to the month
    before `today` (default: the day it runs)."""
    existing = Plan.objects.filter(force=force, title=PLAN_TITLE).first()
    if existing is not None:
        return existing
    scrutiny, drafter = User.objects.get(username="scrutiny.shah"), User.objects.get(username="analyst.li")
    plan = actions.do_create_plan(
        force=force, title=PLAN_TITLE, starts_on=date(2021, 5, 13), ends_on=date(2025, 5, 7), acting_user=scrutiny
    )
    priorities = [
        actions.do_add_priority(plan=plan, number=n, title=title, sub_objectives=subs, acting_user=scrutiny)
        for n, (title, subs) in enumerate(PRIORITIES, start=1)
    ]
    local, neighbourhood = priorities[0], priorities[1]
    for slug, definition, priority in [
        ("asb-incidents-rolling-12-months", "asb-rolling-12", neighbourhood),
        ("neighbourhood-crime-rolling-12-months", "neighbourhood-crime-rolling-12", neighbourhood),
        ("all-crime-rolling-12-months", "crime-rolling-12", neighbourhood),
        ("abstractions-per-month", "abstractions-per-month", local),
        ("neighbourhoods-with-priorities", "neighbourhoods-with-priorities", local),
    ]:
        from beatbook.scrutiny.measures import REGISTRY

        direction = Direction.UP if slug == "neighbourhoods-with-priorities" else Direction.DOWN
        actions.do_add_measure(
            priority=priority,
            slug=slug,
            name=REGISTRY[definition].name,
            area=force,
            definition=definition,
            direction=direction,
            acting_user=scrutiny,
        )
    calls = actions.do_add_measure(
        priority=local, slug="calls-999-answered-10s", name="999 calls answered within 10 seconds (%)", area=force,
        direction=Direction.UP, target=90, acting_user=scrutiny,
        how_counted="Share of 999 calls answered within 10 seconds in the financial year, from the force's contact centre figures as reported to the Performance Scrutiny Meeting.",
    )  # fmt: skip
    for period_end, value in [(date(2022, 3, 31), 70), (date(2023, 3, 31), 88), (date(2023, 10, 31), 91)]:
        actions.do_record_measure_value(
            measure=calls,
            period_end=period_end,
            value=value,
            source="Derbyshire Constabulary contact centre, PSM paper 28 November 2023",
            source_date=date(2023, 11, 28),
            acting_user=scrutiny,
        )

    march = actions.do_create_meeting(
        force=force, title="Neighbourhood crime and anti-social behaviour", starts_at=_local(date(2023, 3, 21), time(13, 30)),
        place="Online", online=True, priority=neighbourhood, acting_user=scrutiny,
        agenda=["Introductions", "Announcements from the Commissioner", "Announcements from the Chief Constable",
                "Police and Crime Plan 2021–2025, priority 2: neighbourhood crime and anti-social behaviour: report from the Chief Constable",
                "Public questions on neighbourhood crime and anti-social behaviour", "Any other business"],
    )  # fmt: skip
    _paper(march, "The Commissioner's Police and Crime Plan 2021–2025, priority 2: neighbourhood crime and anti-social behaviour",
           date(2022, 12, 1), MARCH_SECTIONS, MARCH_TABLES, drafter, scrutiny)  # fmt: skip
    for index, (theme, area, text, answer) in enumerate(QUESTIONS, start=1):
        question = actions.do_ask_question(
            # No email: the 2023 askers' addresses would long since be erased, and loading must not queue mail.
            meeting=march, name=f"Demo resident {index}", email="", area=area,
            text=text, theme=theme, received_at=_local(date(2023, 2, 20), time(9, index)),
        )  # fmt: skip
        actions.do_moderate_question(question=question, accept=True, acting_user=scrutiny)
        actions.do_answer_question(question=question, answer=f"<p>{answer}</p>", acting_user=drafter)
        actions.do_approve_answer(question=question, acting_user=scrutiny)
    actions.do_publish_questions(meeting=march, acting_user=scrutiny, published_at=march.starts_at)  # at the meeting

    november = actions.do_create_meeting(
        force=force, title="Strong local policing", starts_at=_local(date(2023, 11, 28), time(10, 0)), place="Online",
        online=True, priority=local, acting_user=scrutiny,
        agenda=["Introductions", "Announcements from the Commissioner", "Announcements from the Chief Constable",
                "Police and Crime Plan 2021–2025, priority 1: strong local policing", "Public questions on strong local policing"],
    )  # fmt: skip
    _paper(november, "The Commissioner's Police and Crime Plan 2021–2025, priority 1: strong local policing",
           date(2023, 10, 1), NOVEMBER_SECTIONS, NOVEMBER_TABLES, drafter, scrutiny)  # fmt: skip

    last_month = demo_last_month(today or timezone.localdate())
    for period_end, value in recent_999_values(last_month):
        actions.do_record_measure_value(
            measure=calls,
            period_end=period_end,
            value=value,
            source=RECENT_999_SOURCE,
            source_date=min(period_end + timedelta(days=14), today or timezone.localdate()),
            acting_user=scrutiny,
        )

    coming = timezone.localdate() + timedelta(days=42)
    actions.do_create_meeting(
        force=force, title="Road safety", starts_at=_local(coming, time(10, 0)), place="Online", online=True,
        priority=priorities[2], acting_user=scrutiny,
        agenda=["Introductions", "Police and Crime Plan 2021–2025, priority 3: road safety", "Public questions on road safety"],
    )  # fmt: skip
    return plan
