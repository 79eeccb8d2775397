"""Word lists the party rules read: what makes a name no actor, a place, a group, a title.

Every list is of general English usage in news; none names a particular party. Words are
name keys (:func:`summarizer.names.name_key`: lower case, no punctuation) or lemmas. The
words of offices and fields, which tell whether a role is an affiliation, are
:mod:`summarizer.membership`'s.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- names that are no actor ----------------------------------------------------------------

NOT_ACTOR_HEADS = _words(
    """
    accord accords agreement agreements treaty treaties pact deal act law laws plan protocol
    convention charter resolution doctrine declaration memorandum initiative bill
    war wars cup games olympics championship championships summit conference election
    elections festival revolution uprising spring massacre bombing bombings attack attacks
    crisis day sunday monday tuesday wednesday thursday friday saturday january february
    march april may june july august september october november december award prize index
    """
)
"""Last words of names that are agreements, laws, events or periods, not actors:
"Abraham Accords", "Bloody Sunday", "World Cup"."""

THING_NOUNS = _words(
    """
    missile missiles rocket rockets jet jets drone drones helicopter helicopters aircraft
    plane planes tank tanks rifle rifles uav uavs manpads ied ieds icbm icbms vaccine
    virus pipeline ship ships warship warships submarine submarines satellite satellites
    app phone software malware system systems footage video videos image images camera
    cameras
    """
)
"""Weapons, vehicles and products: a name ending in one ("Patriot missiles"), or beside
one ("his Navy jet"), is no actor."""

PLACE_HEADS = _words(
    """
    region area sea seas ocean coast border borders island islands peninsula strait gulf
    river valley desert mountain mountains street st road avenue square camp prison jail
    airport airbase base district province county city town village bridge hospital hotel
    mosque church temple stadium station park plaza highway canal lake bay heights plateau
    corridor crossing checkpoint garrison strip
    """
)
"""Last words of names that are places ("Gaza Strip", "Evin prison", "Oxford Street")."""

PLACE_NOUNS = _words(
    """
    outskirts capital city town village centre center suburbs suburb streets heart north
    south east west province region district port area camp prison jail airport base
    county neighbourhood neighborhood border crossing garrison compound position positions
    side bank banks shore edge
    """
)
"""Nouns that make a name beside them a place: "on the outskirts of Tokyo", "Rukban camp"."""

SETTLEMENT_NOUNS = _words(
    "city town village province region district county municipality governorate"
)
"""Nouns whose "of" names a place: "the city of Lyon" is a place in every mention."""

LOCATIVE_PREPOSITIONS = _words(
    "in at near outside inside around across throughout within off along"
)
"""Prepositions that make a place a setting rather than an actor ("talks in Tokyo")."""

COMPASS_WORDS = _words(
    """
    northern southern eastern western central northeastern northwestern southeastern
    southwestern north south east west
    """
)
"""Words of direction that make a name beside them a region: "Syria's eastern Badia"."""

INSIDE_PREPOSITIONS = _words("in near outside around throughout across inside")
"""Prepositions after which a one-word 'organisation' is a place ("in Rukban")."""

NAMING_NOUNS = _words(
    "operation hurricane typhoon cyclone storm codenamed dubbed campaign mission exercise"
)
"""Words before a name, or nouns it stands in apposition to, that make it the name of an
operation, an exercise or a storm ("Operation Inherent Resolve")."""

NEWS_AGENCIES = _words(
    """
    ap reuters afp xinhua tass interfax dpa efe ansa kyodo yonhap upi irna anadolu sputnik
    epa getty
    """
) | frozenset(
    {
        "associated press",
        "agence francepresse",
        "agence france presse",
        "ria novosti",
        "kyodo news",
        "anadolu agency",
        "getty images",
        "ap photo",
    }
)
"""News agencies: the sources of a report, not actors in it."""

OUTLET_WORDS = _words(
    """
    news times post insider monitor daily journal herald tribune gazette telegraph guardian
    magazine radio television tv observer chronicle dispatch newspaper bulletin newsweek
    """
)
"""Last words of a news outlet's name ("Business Insider", "Al-Monitor", "Fox News")."""

CITING_VERBS = _words("report write publish reveal say tell cite")
"""Verbs whose subject, when an outlet, is the source of a report: "Politico reported"."""

CREDIT_CUES = (
    "contributed to this report",
    "contributed reporting",
    "reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "photo by",
    "photograph by",
    "all rights reserved",
    "follow us on",
    "sign up for",
    "subscribe to",
    "image caption",
    "image copyright",
    "photo credit",
)
"""Phrases of credit lines and page furniture: the names in such a line are no parties."""

SECTION_HEADINGS = (
    "top stories",
    "partner news",
    "related news",
    "related stories",
    "related articles",
    "related coverage",
    "more stories",
    "more news",
    "most read",
    "most popular",
    "don't miss",
    "don’t miss",
    "you may also like",
    "you might also like",
    "recommended for you",
    "latest news",
    "editor's picks",
    "editors' picks",
)
"""Headings of a page's section of links to other stories: a line that starts with one
names no party of the article, to the end of its paragraph."""

LINK_CUES = ("read more", "read also", "also read", "also on ", "see more", "see also", "related:")
"""Words before one link to another story ("READ MORE: <headline>"): the headline names no
party of the article."""

# --- kinds of named parties -----------------------------------------------------------------

ARMED_GROUP_NAME_WORDS = _words(
    """
    rebel rebels militia brigade brigades liberation jihad taliban qaeda hamas hezbollah
    hizbollah insurgents guerrillas front mujahideen
    """
)
"""Words in an organisation's name that mark an armed group."""

COMPANY_NAME_WORDS = _words("inc corp corporation ltd plc company co llc gmbh ag sa")
"""Words in an organisation's name that mark a company."""

COLLECTIVE_NOUNS = _words(
    """
    people peoples women men children workers citizens veterans farmers students martyrs
    mothers soldiers traders journalists nations patriots believers
    """
)
"""Plurals of common words a name puts in the possessive ("People's Liberation Army",
"Workers' Party"): part of the name, not an owner."""

COMPANY_NOUNS = _words(
    """
    company firm corporation conglomerate manufacturer maker producer contractor giant
    startup bank lender insurer carrier airline operator retailer
    """
)
"""Nouns that call a name a company: "energy company Burisma"."""

ORGANISATION_NOUNS = _words(
    """
    group organization organisation agency party movement newspaper broadcaster network
    channel outlet website publisher university institute foundation charity union
    tank
    """
)
"""Nouns that call a name an organisation: "the think tank Chatham House" ("tank" only
after "think")."""

ARMED_QUALIFIERS = _words("militant armed rebel terrorist jihadist insurgent extremist")
"""Words that make an organisation noun an armed group's: "the militant group Jaish"."""

ETHNIC_MARKERS = _words("ethnic")
"""Adjectives that make a demonym a people rather than a state ("ethnic Albanians")."""

PERSON_TITLES = _words(
    """
    mr mrs ms dr president sen rep gov gen senator governor minister secretary premier
    chancellor king queen prince princess sheikh ayatollah pope judge justice mayor
    ambassador general colonel col lt adm admiral capt captain sgt cmdr commander chairman
    chairwoman emir sir lord lady dame prof rev imam rabbi mullah
    """
)
"""Titles that stand right before a person's name ("President Duterte")."""

COURTESY_TITLES = _words("mr mrs ms miss mister madam")
"""Titles of courtesy, no role: "Mr. Xi" has none."""

PORTFOLIO_WORDS = _words(
    """
    energy home justice treasury commerce labor labour agriculture health education
    transport transportation homeland environment culture industry interior foreign
    defense defence finance trade economy economic state security veterans affairs housing
    immigration development digital
    """
)
"""Words of a minister's portfolio ("Energy" Secretary, "Home" Secretary)."""

PORTFOLIO_TITLES = _words("secretary minister commissioner undersecretary")
"""Titles a portfolio stands before: the portfolio is no party of its own."""

TITLE_ABBREVIATIONS = _words(
    "col gen lt sgt capt cmdr maj adm brig cpl pvt mr mrs ms dr sen rep gov"
)
"""Abbreviated titles a mislabelled organisation's name may end with ("US Army Col.")."""
