"""Word lists the offline rules read: verb lemmas, nouns and cues, grouped by what they signal.

Every list is of general English usage in news about diplomacy and conflict; none names
a particular event. Lemmas are lower case, as spaCy's lemmatizer gives them.
"""

from __future__ import annotations

from summarizer.schema import AgreementStatus, ThreatDomain


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# --- agreements -----------------------------------------------------------------------------

AGREE_VERBS = _words("agree concur consent")
"""Verbs whose subjects reach an agreement: "X and Y agreed to ..."."""

AGREEMENT_NOUNS = _words(
    """
    agreement accord deal pact treaty truce ceasefire cease-fire armistice memorandum mou
    protocol convention consensus understanding compromise settlement declaration charter
    contract framework roadmap arrangement resolution swap
    """
)
"""Nouns naming an agreement: the objects of "sign", "reach", "conclude"."""

NAMED_AGREEMENT_NOUNS = _words(
    "agreement agreements accord accords deal pact treaty truce ceasefire cease-fire armistice swap"
)
"""Nouns that name an agreement on their own ("the US-Iran deal"); the other agreement nouns
(convention, understanding, settlement ...) have everyday senses and need a verb."""

SEEKING_VERBS = _words(
    """
    seek want hope propose negotiate discuss push press urge demand call ask plan consider
    pursue explore float suggest offer need try attempt aim work
    """
)
"""Verbs above an agreement noun that make it sought, not reached ("seek a deal")."""

DEAL_VERBS: dict[str, AgreementStatus] = {
    "sign": AgreementStatus.SIGNED,
    "ink": AgreementStatus.SIGNED,
    "initial": AgreementStatus.SIGNED,
    "ratify": AgreementStatus.SIGNED,
    "reach": AgreementStatus.AGREED,
    "conclude": AgreementStatus.AGREED,
    "clinch": AgreementStatus.AGREED,
    "seal": AgreementStatus.AGREED,
    "strike": AgreementStatus.AGREED,
    "broker": AgreementStatus.AGREED,
    "finalize": AgreementStatus.AGREED,
    "finalise": AgreementStatus.AGREED,
    "hammer": AgreementStatus.AGREED,
    "approve": AgreementStatus.AGREED,
    "adopt": AgreementStatus.AGREED,
    "pass": AgreementStatus.AGREED,
    "accept": AgreementStatus.AGREED,
    "endorse": AgreementStatus.AGREED,
    "implement": AgreementStatus.IN_FORCE,
    "extend": AgreementStatus.IN_FORCE,
    "enforce": AgreementStatus.IN_FORCE,
    "honour": AgreementStatus.IN_FORCE,
    "honor": AgreementStatus.IN_FORCE,
    "observe": AgreementStatus.IN_FORCE,
    "suspend": AgreementStatus.SUSPENDED,
    "freeze": AgreementStatus.SUSPENDED,
    "violate": AgreementStatus.VIOLATED,
    "breach": AgreementStatus.VIOLATED,
    "break": AgreementStatus.VIOLATED,
    "withdraw": AgreementStatus.SUSPENDED,
    "pull": AgreementStatus.SUSPENDED,
    "quit": AgreementStatus.SUSPENDED,
    "exit": AgreementStatus.SUSPENDED,
    "scrap": AgreementStatus.SUSPENDED,
    "repeal": AgreementStatus.SUSPENDED,
    "renounce": AgreementStatus.SUSPENDED,
    "abrogate": AgreementStatus.SUSPENDED,
    "terminate": AgreementStatus.SUSPENDED,
}
"""Verbs that act on an agreement noun, and the status they give it."""

DECISION_NOUNS = _words("decision")
"""Nouns whose infinitive is an act decided, done by their owner: "Putin's decision to quit"."""

WITHDRAWAL_VERBS = _words("withdraw pull")
"""Verbs that leave an agreement through a preposition: "withdrew from the treaty"."""

OATH_VERBS: dict[str, AgreementStatus] = {
    "take": AgreementStatus.AGREED,
    "swear": AgreementStatus.AGREED,
    "keep": AgreementStatus.IN_FORCE,
    "honour": AgreementStatus.IN_FORCE,
    "honor": AgreementStatus.IN_FORCE,
    "break": AgreementStatus.VIOLATED,
    "violate": AgreementStatus.VIOLATED,
    "betray": AgreementStatus.VIOLATED,
}
"""Verbs of an oath, their object, and the status they give the sworn commitment."""

AGREEMENT_FATES: dict[str, AgreementStatus] = {
    "take effect": AgreementStatus.IN_FORCE,
    "come into force": AgreementStatus.IN_FORCE,
    "come into effect": AgreementStatus.IN_FORCE,
    "enter into force": AgreementStatus.IN_FORCE,
    "go into effect": AgreementStatus.IN_FORCE,
    "go into force": AgreementStatus.IN_FORCE,
    "hold": AgreementStatus.IN_FORCE,
    "begin": AgreementStatus.IN_FORCE,
    "start": AgreementStatus.IN_FORCE,
    "collapse": AgreementStatus.VIOLATED,
    "crumble": AgreementStatus.VIOLATED,
    "unravel": AgreementStatus.VIOLATED,
    "break down": AgreementStatus.VIOLATED,
    "fall apart": AgreementStatus.VIOLATED,
    "expire": AgreementStatus.SUSPENDED,
    "lapse": AgreementStatus.SUSPENDED,
}
"""What an agreement (the subject) did, and the status it gives: "the truce took effect"."""

PROPOSAL_MODIFIERS = _words("proposed draft possible potential planned prospective future")
"""Modifiers that make a named agreement a proposal: "a proposed deal"."""

NEGOTIATION_NOUNS = _words(
    """
    talks negotiations negotiation discussions discussion push bid hopes prospects chances
    prospect chance framework
    """
)
"""Nouns above an agreement noun that make it sought, not reached: "talks on a deal"."""

ACCEPTABLE_NOUNS = AGREEMENT_NOUNS | _words(
    "proposal plan offer terms invitation mediation resolution initiative"
)
"""What "accept" must take for the acceptance to be an agreement ("accepted demands" is not)."""

REAFFIRM_VERBS = _words("reaffirm reiterate renew reconfirm recommit")
"""Verbs that restate a standing commitment, when their object is one."""

COMMITMENT_NOUNS = AGREEMENT_NOUNS | _words(
    """
    commitment alliance partnership cooperation support pledge ties relations friendship
    bond solidarity obligation guarantee
    """
)

PLEDGE_VERBS = _words("promise pledge vow commit undertake guarantee swear")
PLEDGE_THING_VERBS = _words("promise pledge vow guarantee")
PLEDGE_NOUNS = _words("pledge promise vow commitment guarantee assurance")
"""Nouns of a pledge made by their owner: "Trudeau's campaign promise to amend the law"."""
"""Pledge verbs whose object alone is what is promised: "pledged $1 billion in aid"."""
"""Verbs of commitment: "X promised to ..." (a threat instead when what follows is hostile)."""

OFFER_VERBS = _words("offer propose")
"""Verbs of proposal: "X offered to ..." gives a proposed agreement."""

READY_ADJECTIVES: dict[str, AgreementStatus] = {
    "ready": AgreementStatus.PROPOSED,
    "willing": AgreementStatus.PROPOSED,
    "prepared": AgreementStatus.PROPOSED,
    "committed": AgreementStatus.AGREED,
}
"""Adjectives of readiness or commitment followed by a cooperative act."""

COOPERATIVE_VERBS = _words(
    """
    support back give provide grant contribute send supply deliver donate fund finance
    release free return hand evacuate withdraw pull help assist aid cooperate collaborate
    join recognize recognise negotiate talk mediate lift ease pay compensate host restore
    normalize normalise resume continue open allow permit forgive share exchange protect
    guarantee respect honour honor abide implement reduce cut dismantle disarm
    """
)
"""Acts of cooperation or concession; with "will" they are a pledge ("Finland will give ...")."""

# --- threats --------------------------------------------------------------------------------

THREAT_NOUNS = _words("threat ultimatum menace warning")
"""Nouns naming a threat (a warning only with its target: "a warning to X")."""
"""Nouns naming a threat; they count when their source is named ("the threat from X")."""

WARN_VERBS = _words("warn caution")
"""Verbs of warning: a threat when followed by a consequence ("warned that it would ...")."""

HOSTILE_VERBS = _words(
    """
    attack strike fight hit bomb shell invade destroy crush retaliate punish avenge kill
    annihilate eliminate wipe target raid storm seize occupy blockade respond resist
    """
)
"""Acts of force: sworn or announced, they make a threat ("vowed to fight")."""

COERCION_VERBS = _words(
    """
    intimidate blackmail pressure pressurise pressurize coerce menace bully extort browbeat
    terrorize terrorise harass strong-arm
    """
)
"""Acts of coercion: done, they are a threat of the subject against the object."""

CONTINUING_VERBS = _words("continue press pursue escalate intensify resume keep expand step")
"""Verbs that carry on what their object is: "vowed to press ahead with its offensive"."""

FORCE_MODIFIERS = _words("military armed naval air missile nuclear ground")
FORCE_ACT_NOUNS = _words("operation operations action intervention campaign exercises drills")
"""Acts that these modifiers make ones of force: "military operations" (not "military aid")."""

COERCION_NOUNS = _words("sanction sanctions embargo embargoes tariff tariffs blockade boycott")
"""Objects that make an act coercive, not cooperative: "prepared to impose sanctions"."""

OWN_POSSESSIVES = _words("its their his her our my own")
"""Possessives of an act's object that make it the actor's own: "eliminate its stockpile"."""

METAPHOR_TARGETS = _words(
    """
    corruption poverty crime inflation disease diseases virus cancer pandemic epidemic
    climate change fire fires wildfire drugs hunger injustice racism discrimination
    unemployment illiteracy misinformation disinformation odds addiction obesity justice
    rights freedom democracy equality survival independence
    """
)
"""Objects that make "fight" or "attack" a figure of speech: "vowed to fight corruption"."""

COERCIVE_VERBS = HOSTILE_VERBS | _words(
    """
    halt cut break boycott ban impose sanction expel suspend sever stop close freeze
    withdraw block bar deny cancel end tighten embargo punish quit leave reconsider
    """
)
"""Coercive acts: with a modal and a condition ("will boycott ... unless") they threaten."""

FORCE_NOUNS = _words(
    """
    blockade offensive attack attacks strike strikes war invasion force forces action
    retaliation bombing bombardment fighting assault revenge vengeance
    airstrikes raids fire
    """
)
"""Objects that make a modal act forceful without a condition ("would tighten the blockade")."""

WEAPON_NOUNS = _words("weapon weapons missile missiles bomb bombs arms warhead warheads")
"""Weapons: "weapons to use against X" threatens X."""

HOSTILE_ADJECTIVES = _words("coercive aggressive hostile belligerent provocative threatening")
"""Qualities of conduct that the article presents as a threat ("a coercive approach")."""

HOSTILE_NOUNS = _words(
    "coercion intimidation aggression bullying provocation provocations blackmail"
)
"""Conduct the article names as hostile: "accused China of using coercion"."""

COERCION_ACT_NOUNS = _words("blackmail extortion intimidation coercion")
"""Coercion named as a deed: a threat even without a verb of conduct ("open to blackmail")."""

HUMAN_NOUNS = _words(
    """
    critic opponent rival enemy ally party democrat dem republican gop leader member supporter
    activist politician candidate people person man woman group gang mob regime
    """
)
"""Common nouns of people that make a subject someone, not something ("critics threatened")."""

PERSONAL_PRONOUNS = _words("i we you he she they who")

CONDUCT_VERBS = _words(
    """
    use employ pursue adopt take practise practice wage step resort engage continue escalate
    intensify show exert apply indulge
    """
)
"""Verbs whose object is the subject's own conduct: "pursuing a coercive approach"."""

ACCUSING_VERBS = _words("accuse condemn criticize criticise blame charge denounce protest")
"""Verbs that report hostile conduct: they block an agreement, not a threat they describe."""

CONSEQUENCE_NOUNS = _words(
    """
    consequence consequences retaliation reprisal reprisals response action war attack
    attacks strike strikes sanctions measures force punishment
    """
)
"""What a warning may be "of" for it to be a threat ("warned of retaliation")."""

# --- scope ----------------------------------------------------------------------------------

BLOCKING_VERBS = _words(
    """
    refuse reject decline fail deny oppose demand urge call ask press push request insist
    want seek hope try attempt aim consider discuss resist dismiss veto rule condemn
    accuse protest complain doubt question avoid prevent stop block delay postpone abandon
    renege wish plan expect need intend suggest speculate predict rumour rumor allege
    threaten warn
    """
)
"""Verbs above an event that make it unreal: refused, demanded or hoped for, not done."""

BLOCKING_NOUNS = _words(
    """
    demand demands request call calls appeal appeals proposal proposals offer offers
    attempt attempts effort efforts bid plan plans hope hopes refusal failure rejection
    pressure wish wishes desire
    """
)
"""Nouns above an event with the same effect ("a demand to adhere to the deal")."""

AIMING_VERBS = _words("aim try attempt seek want intend plan")
"""Verbs of purpose: above coercion they do not make it unreal (see ``threats``)."""

OBLIGATION_MODALS = _words("must should ought need")
"""Modals of obligation: "X must agree" is a demand, not an agreement."""

FUTURE_MODALS = _words("will would shall 'll wo")
"""Modals of future or intention: "X will support ..."."""

HEDGE_MODALS = _words("may might could")
"""Modals of possibility: a threat still, but hedged."""

CONDITION_MARKS = _words("if unless until")

NEGATIONS = _words("not n't never no")

# --- threat domains and severity ------------------------------------------------------------

DOMAIN_WORDS: tuple[tuple[ThreatDomain, frozenset[str]], ...] = (
    (
        ThreatDomain.NUCLEAR,
        _words(
            """
            nuclear atomic uranium plutonium enrichment warhead warheads radiological
            icbm icbms
            """
        ),
    ),
    (
        ThreatDomain.CYBER,
        _words("cyber cyberattack cyberattacks hack hacking hacker hackers malware computer"),
    ),
    (
        ThreatDomain.MILITARY,
        _words(
            """
            military army troops forces attack attacks war strike strikes missile missiles
            weapon weapons bomb bombs blockade naval fight fighting invade invasion shell
            shelling artillery security strategic defense defence chemical biological
            drills offensive fire shoot shooting gunfire troops soldiers tanks warships
            destroy annihilate
            """
        ),
    ),
    (
        ThreatDomain.TERRITORIAL,
        _words(
            """
            territory territorial border borders annex annexation sovereignty island
            islands sea seas status quo occupation region land
            """
        ),
    ),
    (
        ThreatDomain.ECONOMIC,
        _words(
            """
            sanction sanctions tariff tariffs trade embargo economic economy exports
            imports electricity gas oil supplies aid payment bills investment strait
            shipping pipeline pipelines
            """
        ),
    ),
    (
        ThreatDomain.POLITICAL,
        _words(
            """
            relations election elections vote voting boycott diplomatic mediation talks
            recognition government political order policy strike withdraw pull quit leave
            alliance nato treaty membership ambassador ambassadors
            """
        ),
    ),
)
"""Keywords of each domain, in priority order: the first domain with a keyword wins."""

FORCE_WORDS = _words(
    "attack attacks strike strikes invade invasion bomb bombs missile missiles fight war blockade"
    " offensive fire"
)
INTENSIFIERS = _words(
    """
    greatest grave serious imminent direct deadly existential severe major biggest gravest
    """
)
LETHAL_WORDS = _words("kill killing murder execute execution assassinate behead shoot shooting")
"""Threats to take lives: *high* at least, whatever their domain."""
CATASTROPHIC_WORDS = _words("destroy annihilate annihilation wipe obliterate")
MASS_DESTRUCTION_WORDS = _words("nuclear chemical biological radiological")
"""With a weapon noun, these make a threat one of mass destruction."""
