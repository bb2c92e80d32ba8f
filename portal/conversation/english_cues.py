"""English cues: what kind of complaint it is, how heated it is, and which of our sentences fits it.

Cues are lexicons of everyday phrasings, not sentences of the corpus. The scanner takes one cue per position, the
first in table order (``ALL_CUES``): ``PRIORITY_CUES`` hold the few that must beat a general cue starting on the
same word ("waited … 2 hours" before "waited"). A cue may take points away ("tried to pay" is about a website, not
a bill; marketing e-mails are not us failing to communicate).
"""

from __future__ import annotations

import re

from portal.conversation.english_morphology import verbs
from portal.conversation.english_tidy import TONE_INSULTS
from portal.conversation.scoring import Cue, cue
from portal.conversation.vocabulary import Category

_L, _B, _Q, _D = Category.LATENESS, Category.BILLING, Category.QUALITY, Category.DAMAGE
_S, _M, _V, _C = Category.STAFF, Category.MISSING_ITEM, Category.DELIVERY, Category.COMMUNICATION
_O = Category.OTHER

_SERVICE_PEOPLE = (
    r"technicians?|engineers?|plumbers?|electricians?|mechanics?|fitters?|installers?|contractors?"
    r"|builders?|cleaners?|handym[ae]n|inspectors?|tradesm[ae]n|workm[ae]n|crew|movers?|painters?"
)
_PARCEL_WORDS = (
    r"parcels?|packages?|couriers?|shipments?|shipping|postm[ae]n|postal|tracking|dispatched"
    r"|deliver(?:y|ies)"
)
_GOODS = (
    r"sofas?|couch|settee|beds?|mattress|wardrobes?|fridge|freezer|washing\s+machine|dishwasher|cooker|oven"
    r"|tv|telly|dining\s+table|coffee\s+table|chairs|desk|furniture|flowers|bouquet|hamper|order|parcel"
    r"|package|groceries|shopping|delivery|kitchen\s+units|appliance|bookshel(?:f|ves)|bookcase|cabinet"
    r"|cupboard|drawers|dresser|sideboard|shelving|lamp|rug|cot|crib|pram|bike|bicycle|laptop"
    r"|printer|boxes|purchase"
)
"""What is brought to a customer's door: waited for, it is a delivery (a person waited for is lateness)."""
_CONTACT = (
    r"call(?:s|ed)?|r[ai]ngs?|phone[sd]?|g[eo]ts?\s+back|repl(?:y|ies|ied)|respond(?:s|ed)?|answer(?:s|ed)?"
    r"|contact(?:s|ed)?|e-?mail(?:s|ed)?|wr(?:ote|ites?)|returned|follow(?:s|ed)?\s+up"
)

CUES: tuple[Cue, ...] = (
    # Lateness
    cue(r"\brunning\s+(?:late|behind)\b", (_L, 3)),
    cue(r"\blate\b(?!\s+(?:fees?|charges?|payments?|penalt(?:y|ies)))", (_L, 2)),
    cue(r"\bno[- ]?shows?\b", (_L, 3)),
    cue(
        r"\b(?:didn'?t|did\s+not|never|doesn'?t|does\s+not|don'?t|won'?t|hasn'?t|has\s+not)\s+(?:even\s+)?"
        r"(?:bother(?:ed)?\s+(?:to\s+)?)?(?:show(?:ed|ing|n)?|turn(?:ed|ing)?)\s+up\b",
        (_L, 3),
    ),
    cue(r"\bstood\s+(?:me|us)\s+up\b", (_L, 3)),
    cue(r"\b(?:nobody|no\s+one|no-one)\s+(?:ever\s+)?(?:showed\s+up|turned\s+up|came|arrived)\b", (_L, 3)),
    cue(r"\bkept\s+(?:me|us|my\s+\w+|our\s+\w+)\s+waiting\b", (_L, 3)),
    cue(r"\bwait(?:ed|ing)\b", (_L, 1.5)),
    cue(r"\bdelay(?:ed|s)?\b", (_L, 1.5)),
    cue(r"\b(?:missed|cancell?ed|rescheduled)\s+(?:the|my|our)\s+appointment\b", (_L, 2)),
    cue(r"\b(?:wasn'?t|weren'?t|not|never)\s+on\s+time\b", (_L, 2.5)),
    cue(r"\b(?:arrival|time)\s+(?:window|slot)\b", (_L, 1)),
    cue(r"\bappointments?\b", (_L, 0.5)),
    cue(rf"\b(?:{_SERVICE_PEOPLE})\b", (_L, 0.5)),
    cue(r"\bnever\s+(?:arrived|came)\b", (_L, 1.5), (_V, 1.5)),
    cue(
        r"\b(?:still\s+)?(?:hasn'?t|has\s+not|haven'?t|have\s+not)\s+(?:yet\s+)?(?:arrived|come|been\s+delivered"
        r"|shown\s+up|got\s+here|appeared)\b",
        (_V, 2.5),
        (_L, 1),
    ),
    # Billing
    cue(r"\bover-?(?:charg|bill)\w*", (_B, 3)),
    cue(r"\bdouble[- ]?charg\w*", (_B, 3)),
    cue(r"\bcharged\s+(?:me\s+|us\s+)?(?:twice|double|two\s+times|again)\b", (_B, 3)),
    cue(r"\bhidden\s+(?:fees?|charges?|costs?)\b", (_B, 3)),
    cue(r"\blate\s+(?:fees?|charges?|payments?|penalt(?:y|ies))\b", (_B, 3)),
    cue(r"\bbill(?:s|ed|ing)?\b", (_B, 2), lowercase_only=True),
    cue(r"\binvoic\w*", (_B, 2)),
    cue(r"\bsurcharg\w*", (_B, 2.5)),
    cue(r"\bcharg(?:e|es|ed|ing)\b", (_B, 2)),
    cue(r"\bfees?\b", (_B, 1.5)),
    cue(r"\bpric(?:e|es|ed|ing)\b", (_B, 1.5)),
    cue(r"\bquot(?:e|es|ed|ation)\b", (_B, 1.5)),
    cue(r"\bestimate[ds]?\b", (_B, 1.5)),
    cue(r"\bexpensive\b", (_B, 1.5)),
    cue(r"\b(?:higher|more)\s+than\s+(?:what|quoted|agreed|expected|estimated|planned)\b", (_B, 1)),
    cue(r"\b(?:refund\w*|paid|pay|paying|payment|costs?|receipt|deposit|budget(?:ed)?|afford)\b", (_B, 1)),
    cue(r"(?:[$€£₪]\s?\d|\b\d+\s?(?:dollars|euros|pounds|bucks|shekels)\b)", (_B, 1)),
    cue(
        r"\b(?:delivery|booking|admin|service|cancellation|call[- ]?out|card|transaction|exit|parking)\s+"
        r"(?:charges?|fees?)\b",
        (_B, 4),
    ),
    # Quality
    cue(
        r"\b(?:poor|bad|terrible|shoddy|sloppy|awful|lousy|careless|botched|rushed|garbage|rubbish|crap|crappy"
        r"|shocking|dreadful|abysmal|horrible|pathetic|useless|naff|dodgy|half-?arsed)\s+"
        r"(?:work\w*|job|quality|repairs?|finish|installation)\b",
        (_Q, 3),
    ),
    cue(r"\b(?:shoddy|sloppy|botched|slapdash|amateurish|sub-?standard|faulty|defective|workmanship)\b", (_Q, 2.5)),
    cue(
        r"\b(?:still|again)\s+(?:broken|leaking|dripping|faulty|not\s+working|doesn'?t\s+work|does\s+not\s+work)\b",
        (_Q, 3),
    ),
    cue(r"\b(?:broke|broken|failed|leaking|leaks|stopped\s+working)\s+(?:down\s+)?again\b", (_Q, 3)),
    cue(r"\b(?:didn'?t|did\s+not|never|failed\s+to)\s+(?:even\s+)?(?:fix|repair|solve)\b", (_Q, 3)),
    cue(r"\b(?:not|wasn'?t|isn'?t|never|hasn'?t)\s+(?:been\s+)?(?:fixed|repaired)\b", (_Q, 3)),
    cue(r"\bstopped\s+working\b", (_Q, 2.5)),
    cue(r"\b(?:doesn'?t|does\s+not|didn'?t|did\s+not|don'?t|won'?t)\s+work\b", (_Q, 1.5)),
    cue(
        r"\b(?:fell\s+apart|falling\s+apart|f[ae]ll(?:en|ing)?\s+to\s+(?:bits|pieces)|re-?do(?:ne)?|unfinished|half[- ]done|worse\s+than\s+before)\b",
        (_Q, 2.5),
    ),
    cue(r"\bhad\s+to\s+(?:call|get|hire|pay)\s+(?:someone|somebody|another)\b", (_Q, 2.5)),
    cue(r"\b(?:undercooked|overcooked|raw|burnt|stale|soggy|cold|inedible|tasteless|mou?ldy|peeling)\b", (_Q, 1.5)),
    cue(r"\bquality\b", (_Q, 1.5)),
    cue(r"\bleft\s+(?:a|such\s+a)\s+mess\b", (_Q, 1.5), (_D, 1)),
    cue(r"\bbroken\b", (_Q, 1.5), (_D, 1)),
    # Damage
    cue(r"\bdamag(?:e|ed|es|ing)\b", (_D, 3)),
    cue(r"\b(?:broke|dropped|smashed|knocked\s+over)\s+(?:my|our)\b", (_D, 3)),
    cue(r"\b(?:broke|dropped|knocked\s+over)\s+(?:the|a|an)\b", (_D, 2.5)),
    cue(
        r"\b(?:scratch(?:ed|es)?|dent(?:ed|s)?|gouged?|chipped|cracked|smashed|shattered|stained|scuff(?:ed|s)?"
        r"|torn|ripped|flooded|crushed|dented)\b",
        (_D, 2.5),
    ),
    cue(r"\bruined\b", (_D, 1.5)),
    cue(r"\bleft\s+(?:a\s+)?(?:holes?|marks?|stains?|scratches|mud)\b", (_D, 2.5)),
    # Staff
    cue(
        r"\b(?:rude(?:ly|ness)?|impolite|disrespectful|condescending|patroni[sz]ing|dismissive|arrogant|hostile"
        r"|aggressive|sarcastic|snarky|unprofessional|unhelpful|unfriendly|obnoxious|belittl\w+|insult\w*"
        r"|mock(?:ed|ing))\b",
        (_S, 3),
    ),
    cue(r"\b(?:yelled|shouted|screamed|swore|snapped\s+at)\b", (_S, 3)),
    cue(r"\b(?:laughed\s+at|talked\s+down|rolled\s+(?:his|her|their)\s+eyes|couldn'?t\s+care\s+less)\b", (_S, 3)),
    cue(r"\b(?:bad|poor|terrible|awful)\s+(?:attitude|manners|customer\s+service)\b", (_S, 3)),
    cue(r"\battitude\b", (_S, 2)),
    cue(r"\b(?:didn'?t|did\s+not|don'?t|doesn'?t)\s+(?:seem\s+to\s+)?care\b", (_S, 2)),
    cue(r"\b(?:hung\s+up\s+on|treated|blamed)\s+(?:me|us)\b", (_S, 2.5)),
    cue(r"\b(?:refused\s+to\s+help|told\s+(?:me|us)\s+to\s+calm\s+down|made\s+(?:me|us)\s+feel)\b", (_S, 2.5)),
    cue(
        r"\b(?:staff|employees?|receptionist|cashier|manager|agent|clerk|waiter|waitress|salesm[ae]n"
        r"|saleswom[ae]n|representative)\b",
        (_S, 0.5),
    ),
    # Missing or wrong item
    cue(r"\bmissing\b", (_M, 3)),
    cue(
        r"\b(?:wrong|incorrect)\s+(?:items?|orders?|sizes?|colou?rs?|products?|dish(?:es)?|meals?|models?|drinks?"
        r"|pizzas?|books?|things?|flavou?rs?)\b",
        (_M, 3),
    ),
    cue(r"\b(?:sent|gave|received|got|delivered|brought)\s+(?:me\s+|us\s+)?(?:the\s+|a\s+)?wrong\b", (_M, 3)),
    cue(r"\b(?:left\s+out|forgot(?:ten)?\s+(?:to\s+(?:include|pack|add|put)|the|my|our))\b", (_M, 2.5)),
    cue(r"\b(?:not|wasn'?t|weren'?t)\s+(?:in\s+the\s+(?:bag|box|package|parcel|order)|included)\b", (_M, 2.5)),
    cue(r"\b(?:came|arrived)\s+without\b", (_M, 2.5)),
    cue(r"\bonly\s+(?:got|received|had|came\s+with)\s+(?:\d+|one|two|three|four|five|half)\b", (_M, 2.5)),
    cue(r"\b(?:incomplete\s+order|half\s+(?:of\s+)?(?:the|my|our)\s+order)\b", (_M, 3)),
    cue(r"\bi\s+ordered\b", (_M, 1)),
    cue(r"\borders?\b", (_M, 0.5), (_V, 0.5)),
    # Delivery
    cue(rf"\b(?:{_PARCEL_WORDS})\b", (_V, 2.5)),
    cue(r"\bdelivered\b", (_V, 1)),
    cue(r"\b(?:not|never|wasn'?t|weren'?t)\s+(?:been\s+)?delivered\b", (_V, 3)),
    cue(r"\blost\s+(?:in\s+(?:the\s+)?(?:post|mail|transit)|my\s+(?:parcel|package|order))\b", (_V, 3)),
    cue(r"\b(?:wrong\s+address|marked\s+as\s+delivered|out\s+for\s+delivery)\b", (_V, 3)),
    cue(
        r"\b(?:left|delivered|dropped\s+off)\s+(?:it\s+)?(?:at|to|with)\s+(?:the\s+)?"
        r"(?:wrong|another|a\s+neighbou?r)\b",
        (_V, 3),
    ),
    # Communication
    cue(
        rf"\b(?:nobody|no\s+one|no-one|noone)\s+(?:ever\s+)?"
        rf"(?:{_CONTACT}|told|informed|bothered|let\s+(?:me|us)\s+know)\b",
        (_C, 3),
    ),
    cue(rf"\bnever\s+(?:{_CONTACT}|heard\s+back|told|informed|let\s+(?:me|us)\s+know)\b", (_C, 3)),
    cue(
        r"\b(?:didn'?t|did\s+not|don'?t|doesn'?t|won'?t|wouldn'?t|couldn'?t)\s+(?:bother\s+to\s+|even\s+)?"
        r"(?:call|ring|phone|reply|respond|answer|get\s+back|let\s+(?:me|us)\s+know|tell\s+(?:me|us)|inform"
        r"|update|contact|return\s+(?:my|our))\b",
        (_C, 3),
    ),
    cue(
        r"\bno\s+(?:updates?|response|reply|replies|answer|call(?:\s*back)?|callback|word|communication|contact"
        r"|acknowledge?ments?|confirmation"
        r"|notice|warning|explanation|follow[- ]?up)\b",
        (_C, 3),
    ),
    cue(
        r"\bignored\s+(?:my|our|all\s+(?:my|our))\s+(?:emails?|calls?|messages?|complaints?|texts?|voicemails?"
        r"|requests?|letters?)\b",
        (_C, 3),
    ),
    cue(r"\b(?:ignored|ignoring|unanswered)\b", (_C, 2)),
    cue(r"\b(?:kept\s+(?:me|us)\s+)?in\s+the\s+dark\b", (_C, 3)),
    cue(r"\b(?:on\s+hold|heard\s+nothing|radio\s+silence)\b", (_C, 3)),
    cue(r"\b(?:nobody|no\s+one|no-one)\s+(?:could|would|was\s+able\s+to)\s+(?:help|tell|explain)\b", (_C, 2.5)),
    cue(r"\b(?:on\s+the\s+phone|call\s+cent(?:re|er)|helpline|hotline)\b", (_C, 1.5)),
    cue(r"\bwithout\s+(?:telling|warning|informing|notifying|letting)\b", (_C, 2.5)),
    cue(r"\bkeep\s+(?:me|us)\s+(?:informed|updated|posted)\b", (_C, 2.5)),
    cue(r"\bleft\s+(?:\w+\s+)?(?:messages|voicemails)\b", (_C, 2.5)),
    cue(r"\b(?:call(?:ed)?\s+back|callback|chas(?:e|ed|ing))\b", (_C, 2)),
    cue(r"\bcommunicat\w*", (_C, 2)),
    cue(r"\b(?:updates?|informed|notified)\b", (_C, 1.5)),
    cue(r"\b(?:emails?|messages?|voicemails?|texts?)\b", (_C, 1)),
)


_NUMBER_WORD = r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|several|many|multiple|numerous)"
_DURATION = (
    rf"{_NUMBER_WORD}\s*(?:\+\s*)?(?:and\s+a\s+(?:half|bit)\s+)?(?:hours?|hrs?|mins?|minutes?|days?|weeks?"
    r"|fortnights?|months?)"
)
_PEOPLE = (
    r"manager|receptionist|waiter|waitress|nurse|doctor|lady|girl|guy|man|woman|bloke|staff"
    r"|security(?:\s+guard)?|guard|cashier|salesm[ae]n|assistant|agent|employee|driver|host|barman|barmaid"
    r"|bartender|server|chef|owner|boss|bouncer|doorman|lifeguard|porter|usher|steward"
    r"|supervisor|concierge|operator|advisor|adviser|rep|teller|pharmacist|dentist|vet|trainer|instructor"
)

_MONEY = (
    r"(?:[$€£₪]\s?\d[\d.,]*|\b\d[\d.,]*\s?(?:quid|pounds?|dollars|bucks|euros|grand|k|p|pence|cents"
    r"|shekels)|\bmoney|\bcash|\bdeposit)"
)
"""An amount of money; a currency sign has no word boundary before it, so each alternative says where it starts."""

PRIORITY_CUES: tuple[Cue, ...] = (
    # Cues that must be tried before the general table's, which would otherwise match the same words first
    # (the scanner takes one cue per position, the first in table order).
    # Goods waited for are a delivery, not lateness: the goods field names what is brought to a door
    cue(
        rf"\bwait(?:ed|ing)?\s+(?:\w+\s+){{0,4}}?for\s+(?:a|an|the|my|our|their)\s+(?:new\s+)?(?:{_GOODS})\b"
        rf"|\b(?:{_GOODS})\s+(?:\w+\s+){{0,3}}?(?:was|were|is|are)\s+(?:due|(?:supposed|meant|promised)\s+to\s+"
        r"(?:come|arrive|be\s+(?:here|delivered)))\b"
        r"|\bordered\s+(?:\S+\s+){0,8}?(?:turned\s+up|arrived|came|got\s+here|delivered)\s+(?:\w+\s+){0,3}?"
        r"(?:after|late)\b",
        (_V, 4),
    ),
    cue(
        r"\b(?:to|at)\s+(?:number|no\.?|house|flat|apartment|unit|door)\s*\d+\w*\s+instead\s+of\b"
        r"|\b(?:i|we)\s+live\s+at\b",
        (_V, 4),
    ),
    # Lessons of the blind group y, each a family of phrasings (LABELS.md): a tracking status that says delivered
    cue(
        r"\b(?:says?|said|shows?|showed|showing|marked|status|listed)\s+(?:as\s+|it\s+(?:was|as)\s+)?delivered\b"
        r"|\bsign(?:a|i)?ture\b|\bsigned\s+for\b|\bin\s+stock\b",
        (_V, 4),
    ),
    # goods that have not come after weeks: the goods, not a person, kept them waiting
    cue(
        rf"\bstill\s+no\s+(?:sign\s+of\s+)?(?:the\s+|my\s+|our\s+|a\s+)?(?:new\s+)?(?:{_GOODS})\b"
        r"|\bdue\s+(?:on|by)\s+(?:the\s+)?\d",
        (_V, 4),
    ),
    # the wrong thing sent when another was paid for; a thing not in the bag that the receipt lists
    cue(
        r"\b(?:sent|gave|delivered|brought)\s+(?:me|us)\s+(?:the|a|an)\s+(?:\S+\s+){0,3}?(?:when|but|and|though|even"
        r"\s+though)\s+(?:i|we)\s+(?:had\s+)?(?:paid\s+for|ordered|asked\s+for|chose|wanted|booked)\b"
        r"|\bno\s+(?:\w+\s+){1,3}?in\s+(?:the|my|our)\s+(?:bag|box|order|parcel|package|delivery|hamper)\b"
        r"|\b(?:even\s+though|but|when|though)\s+(?:it'?s|its|it\s+(?:is|was)|they'?re|they\s+(?:are|were))\s+(?:on|in)"
        r"\s+the\s+(?:receipt|order|invoice|bill)\b|\bmissing\s+(?:parts|pieces|items|screws|bits|components"
        r"|accessories|fixings)\b",
        (_M, 4),
    ),
    # charged for something else, or several times: the money itself
    cue(
        r"\b(?:got|been|was|were|being|get)\s+charged\s+for\b|\bcharged\s+(?:me\s+|us\s+)?(?:\d+|three|four|five"
        r"|several|multiple)\s+times\b",
        (_B, 4),
    ),
    # not being told, or getting no answer: the negation is the complaint, so the cue holds it
    cue(
        r"\b(?:can'?t|cannot|couldn'?t|could\s+not|unable\s+to|won'?t|wouldn'?t)\s+(?:even\s+)?(?:tell|say)\s+"
        r"(?:me|us)\b|\b(?:nobody|no\s+one|no-one)\s+(?:\w+\s+){1,5}?(?:can|could|will|would)\s+(?:\w+\s+)?(?:tell"
        r"|explain|answer)\b|\b(?:has|have|had)(?:n'?t|\s+not)\s+been\s+(?:responded|replied|answered"
        r"|acknowledged|actioned|dealt\s+with|looked\s+at)\b",
        (_C, 4),
    ),
    cue(
        r"\b(?:cancell?ed|rescheduled|changed|moved|postponed|brought\s+forward|shifted)\b(?:\s+\S+){0,8}?\s+(?:and|but"
        r"|yet)\s+(?:we|i|nobody|no\s+one)\s+(?:was|were|wasn'?t|weren'?t)?\s*(?:not\s+|never\s+)?(?:told|informed"
        r"|notified|warned)\b",
        (_C, 5),
    ),
    # the premises around what was paid for: corridors, lifts, changing rooms; noise from elsewhere; house rules;
    # what was done with the customer's details; points wiped
    cue(
        r"\b(?:in|on|at|from|by|near)\s+the\s+(?=(?:corridors?|hallways?|lobby|stairwells?|stairs|lifts?"
        r"|communal\s+\w+|reception\s+area|pool|changing\s+rooms?|toilets)\b)",
        (_O, 2),
    ),  # the place is left to cues
    cue(
        r"\b(?:at|on|from|in)\s+the\s+next\s+(?:table|room|door|flat|pitch|cabin)\b|\bnext\s+door\b"
        r"|\b(?:the\s+)?(?:room|flat|table)\s+next\s+to\s+(?:ours|mine|us)\b",
        (_O, 3),
    ),  # other guests, not us
    cue(
        r"\bnoise\s+(?:from|of|coming)\b|\b(?:changing\s+rooms?|toilets|lifts?|corridors?|lobby)\s+(?:\S+\s+){0,4}?(?:was|were|is|are)\s+(?:\w+\s+)?"
        r"(?:filthy|dirty|disgusting|broken|smelly|awful|grim|out\s+of\s+order|a\s+mess)\b",
        (_O, 4),
    ),
    cue(
        r"\b(?:a|the|your|this|their|silly|stupid|new)\s+(?:new\s+)?(?:rule|rules|policy)\s+(?:that|about|of|saying"
        r"|where)\b|\bnot\s+allowed\s+to\b|\b(?:can'?t|cannot|can\s+not)\s+bring\b"
        r"|\b(?:account|personal|bank|card|medical|private|contact)\s+(?:details|information|info|data)\b"
        r"|\baddressed\s+to\s+(?:my|our|a|the)\s+(?:neighbou?r|someone)"
        r"|\b(?:wiped|deleted|removed|cancelled|took\s+away)\s+(?:\S+\s+){0,2}?(?:points|miles|rewards|vouchers"
        r"|credits)\b",
        (_O, 4),
    ),
    # laughing at the customer's problem is how a person treated them
    cue(
        r"\b(?:laughed|smirked|sniggered|giggled)\s+(?:when|as|while|in\s+my\s+face|about)\b"
        r"|\b(?:laughing|smirking|sniggering|giggling)\s+at\s+(?:me|us|my|our)\b",
        (_S, 4),
    ),
    # Events missed because of us, not items missing from an order
    cue(
        r"\b(?:kept|keep|keeps)\s+missing\b|\bmissing\s+(?:school|registration|class(?:es)?|lessons?|work|the\s+start"
        r"|(?:my|our|the|his|her|their)\s+(?:flight|train|bus|connection|appointment|meeting|slot))\b",
        (_L, 2),
    ),
    # A pet let out, points and codes that vanish or fail: nothing any category names (``other``)
    cue(
        r"\blet\s+(?:our|my|the|his|her|their)\s+(?:dog|cat|pet|puppy|kitten|rabbit|bird|parrot|tortoise)\s+"
        r"(?:\w+\s+)?(?:out|escape|loose|go|run)\b|\b(?:dog|cat|pet|puppy|kitten)\s+(?:\w+\s+)?(?:escaped|got\s+out"
        r"|ran\s+off|went\s+missing)\b"
        r"|\b(?:discount|promo|voucher|coupon|gift|reward|loyalty)\s+(?:codes?|points?|cards?|vouchers?)\b"
        r"(?:\s+\S+){0,6}?\s+(?:doesn'?t|does\s+not|didn'?t|won'?t|wouldn'?t|not)\s+(?:work|apply|accepted|valid|scan)"
        r"|\b(?:points?|vouchers?|rewards?|miles)\s+(?:\w+\s+)?(?:expired|disappeared|vanished|wiped|gone)\b",
        (_O, 4),
    ),
    cue(
        r"\b(?:over-?booked|overbooking|double[- ]booked|bumped\s+(?:off|to|from|onto|us|me))\b"
        r"|\b(?:into|on|in|filled\s+(?:in|out)|submit(?:ted)?)\s+(?:your|the|their|a|an)\s+(?:\w+\s+)?form\b",
        (_O, 3.5),
    ),
    # Shared areas, not the room or the job paid for
    cue(
        r"\b(?:changing\s+rooms?|toilets|loos|lifts?|elevators?|corridors?|lobby|stairwells?|car\s+park|pool"
        r"|communal\s+\w+)\s+(?:\w+\s+)?(?:were|was|are|is|have\s+been|has\s+been)\s+(?:\w+\s+)?(?:filthy|dirty"
        r"|disgusting|broken|out\s+of\s+order|flooded|freezing|cold|a\s+mess|full|blocked)\b",
        (_O, 5),
    ),
    # Noise heard from elsewhere
    cue(
        r"\b(?:could|can|couldn'?t\s+help\s+but)\s+hear\b(?:(?:\s+\S+){0,5}?\s+(?:through|thru)\s+the\s+(?:walls?"
        r"|floor|ceiling)\b)?|\b(?:so|too|really|very|ridiculously)\s+loud\b|\bracket\b",
        (_O, 3),
    ),
    # Something of the customer's cut through, and goods that are now in pieces: damage, however it got there
    cue(
        r"\b(?:cut|cutting|strimm(?:ed|ing)|mow(?:ed|ing)|slic(?:ed|ing)|chopp(?:ed|ing)|saw(?:ed|n|ing)?"
        r"|drill(?:s|ed|ing)?|hack(?:ed|ing))\s+(?:right\s+|straight\s+)?(?:through|thru|into)\b"
        r"|\b(?:clipped|dyed)\s+(?:our|my|the|all)\b",
        (_D, 3),
    ),
    # A simile names no category: passed around "like a parcel" is no delivery
    cue(r"\blike\s+(?:a|an)\s+(?:parcel|package|piece\s+of\s+\w+)\b"),
    cue(
        r"\b(?:is|are|was|were|now|arrived|came)\s+(?:now\s+)?(?:in\s+(?:pieces|bits|smithereens)|smashed|shattered"
        r"|snapped\s+in\s+(?:two|half)|destroyed)\b",
        (_D, 4.5),
    ),
    # Being changed or cancelled on without a word is not hearing from us
    cue(
        r"\b(?:cancell?ed|rescheduled|changed|moved|preponed|postponed|brought\s+forward|shifted)\b(?:\s+\S+){0,8}?"
        r"\s+without\s+(?:\w+\s+)?(?:asking|telling|informing|notice|warning|notifying|consulting|checking|a\s+word)"
        r"\b|\b(?:only|short|zero|little)\s+notice\b|\bwhat\s+(?:was|is|'s)\s+happening\b"
        r"|\b(?:didn'?t|did\s+not|never|don'?t)\s+(?:bother\s+to\s+)?(?:tell|inform|warn|notify)\s+(?:parents|anyone"
        r"|anybody|customers|guests|passengers|people|tenants|residents|patients|members)\b",
        (_C, 4),
    ),
    # Time: seen late, the job's promised length against where it is now, people left standing
    cue(
        r"\b(?:not\s+(?:one|a\s+single)|no)\s+(?:answer|reply|response|call\s*back|email|e-mail|word)\b"
        r"|\b\d+\s+(?:calls|phone\s+calls|emails|e-mails|messages|voicemails|letters)\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:got\s+|was\s+|were\s+)?seen\s+(?:at|after)\s+\d|\b(?:it'?s|its|it\s+is|now\s+on|into)\s+(?:now\s+)?"
        r"(?:week|day|month)\s+\d+\b|\bleft\s+(?:\w+\s+){0,2}?(?:standing|waiting|sitting|hanging\s+(?:about|around)"
        r"|stranded)\b",
        (_L, 3),
    ),
    cue(r"\bsaid\s+(?:\d+|a|one|two|three|four|five|six)\s+(?:days?|weeks?|hours?)\b", (_L, 2.5)),
    # Money: an amount with pence or cents, a bill that went up, a deposit not returned
    cue(
        r"\b\d+\.\d\d\s+(?:for|to|on)\b(?!\s+(?:it|that|this|them)\b)"
        r"|\b(?:went|gone|jumped|shot|up)\s+(?:up\s+)?from\s+[$€£]?\d[\d.,]*\s+to\s+"
        r"[$€£]?\d|\b(?:deposit|bond)\b(?:\s+\S+){0,6}?\s+(?:returned|refunded|back)\b",
        (_B, 3),
    ),
    # The wrong thing: what they chose, or what the listing said
    cue(
        r"\b(?:i|we)\s+(?:ordered|asked\s+for|paid\s+for|chose|picked)\s+(?:the|a)\s+\w+\s+one\b"
        r"|\b(?:listing|description|advert|photos?|pictures?|product\s+page)\s+(?:\w+\s+){0,2}?(?:says?|said|shows?"
        r"|showed|states?|stated)\b|\bhad\s+(?:a|an|the|some)\s+(?:\w+\s+){0,3}?in\s+it\b",
        (_M, 3),
    ),
    # Deliveries: not knocking, goods dumped on the street
    cue(
        r"\b(?:didn'?t|did\s+not|never)\s+(?:even\s+)?(?:knock|ring|buzz)(?=\s*[,.;!]|\s+(?:or|and|just|before)\b)"
        r"|\b(?:dumped|left|chucked|threw|dropped)\s+(?:\w+\s+){0,4}?(?:on\s+the\s+(?:pavement|doorstep|step|porch"
        r"|street|road|kerb|curb|lawn|drive(?:way)?)|outside\s+(?:my|our|the)\b)",
        (_V, 3),
    ),
    # Work that did not hold
    cue(r"\b(?:fell|came|dropped)\s+out\b(?!\s+of)|\bcame\s+loose\b", (_Q, 2.5)),
    cue(rf"\bwait(?:ed|ing)?\s+(?:\w+\s+){{0,6}}?{_DURATION}", (_L, 4)),
    cue(rf"\bdelay(?:ed|s)?\s+(?:by\s+|for\s+)?(?:over\s+|nearly\s+|almost\s+)?{_DURATION}", (_L, 4)),
    cue(
        r"\b(?:cold|short|curt|abrupt|off|nasty|horrible|mean|patroni[sz]ing|rough|snotty|snooty|sharp|shirty"
        r"|stroppy)\s+(?:and\s+\w+\s+)?(?:with|to|towards)\s+(?:me|us|my|our"
        r"|him|her|them|everyone)\b",
        (_S, 3),
    ),
    cue(r"\b(?:refund\w*|money\s+back|reimburs\w*|(?:you\s+)?owe[sd]?\s+(?:me|us)|you\s+owe)\b", (_B, 3)),
    cue(r"\b(?:rip[- ]?off|ripped\s+off)\b", (_B, 3)),
    cue(r"\b(?:ripped|snapped|broken|broke|torn|came|fell)\s+off\b", (_D, 3)),
    cue(r"\b(?:ignored|ignoring)\s+(?:me|us)\b", (_S, 3)),
    cue(r"\bpaint\w*\s+(?:all\s+)?(?:over|on)\s+(?:the|my|our|his|her)\b", (_D, 3)),
    cue(r"\bburn(?:t|ed)\s+(?:my|our|the|his|her|a\s+hole)\b", (_D, 3)),
    cue(r"\brefused\s+to\s+(?:even\s+)?(?:listen|help|speak|talk|look|serve|apologi[sz]e)\b", (_S, 3)),
    cue(
        r"\b(?:nobody|no\s+one|no-one)\s+(?:can|can'?t|will|seems\s+to|is\s+able\s+to)\s+(?:\w+\s+)?(?:help|tell"
        r"|explain|answer|say)\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:delivery|deliveries|parcels?|packages?|shipments?|orders?|groceries|shopping|takeaway)\s+"
        rf"(?:\w+\s+){{0,4}}?(?:late\b|took\s+(?:over\s+|nearly\s+|almost\s+)?{_DURATION}|came\s+{_DURATION})",
        (_V, 4),
    ),
    # "in tears" is crying, not a tear in the fabric: matched here, it scores nothing and hides "tears" from damage
    cue(r"\b(?:in|to|into|near)\s+tears\b"),
    cue(r"\b(?:never|didn'?t|did\s+not|hasn'?t|has\s+not)\s+(?:even\s+)?(?:came|come)\s+with\b", (_M, 3)),
    cue(
        r"\b(?:never|didn'?t|did\s+not|hasn'?t|has\s+not|still\s+hasn'?t|still\s+not)\s+(?:got|gotten|made\s+it)"
        r"\s+(?:here|to\s+(?:me|us))\b",
        (_V, 3),
    ),
    cue(r"\b(?:painted|painting)\s+over\b", (_Q, 2.5)),
    # Things thrown at a person are about the person who threw them, not about a delivery
    cue(r"\b(?:threw|thrown|chucked|tossed|flung)\s+(?:\w+\s+){0,3}?at\s+(?:me|us|my|him|her|them)\b", (_S, 3)),
    cue(r"\b(?:never|didn'?t|did\s+not)\s+(?:come|came)\s+back\s+to\s+(?:check|see|ask|take|serve)\b", (_S, 3)),
    cue(rf"\bdelivered\s+(?:\w+\s+){{0,3}}?(?:{_DURATION}|a\s+day|a\s+week)\s+(?:after|late)\b", (_V, 4)),
    # Errors of the work itself, not a wrong item ("wrong X" is otherwise a missing or wrong item)
    cue(r"\b(?:wrong|incorrect)\s+(?:prescription|diagnosis|dose|dosage|measurements?|strength|lenses)\b", (_Q, 3)),
    cue(
        r"\b(?:missed\s+you|calling\s+card|(?:didn'?t|did\s+not|never)\s+(?:even\s+)?(?:knock|ring\s+the"
        r"|buzz)|(?:nobody|no\s+one)\s+(?:knocked|rang\s+the|buzzed))\b",
        (_V, 3),
    ),
    cue(
        r"\b(?:ordered|paid\s+for|bought|asked\s+for)\s+(?:\d+|one|two|three|four|five|six|a\s+dozen|twelve)\s+"
        r"(?:\w+\s+){0,2}?(?:and\s+|but\s+)?(?:only\s+)?(?:got|received|came|there\s+were)\s+(?:\d+|one|two|three"
        r"|four|five)\b",
        (_M, 3),
    ),
    cue(
        r"\b(?:ordered|asked\s+for|paid\s+for|chose|booked)\s+(?:a|an|the)\s+(?:\w+\s+){1,5}?(?:and|but)\s+"
        r"(?:got|received|they\s+sent|you\s+sent|it\s+had|came)\b|\binstead\s+of(?!\s+(?:being|\w+ing)\b)",
        (_M, 2.5),
    ),
    # Where the customer looked something up ("the one on the website") is not what went wrong with it
    cue(r"\b(?:on|from|in)\s+(?:the|your)\s+(?:website|web\s*site|site|app)\b"),
    cue(r"\bblack\s+hole\b|\bnothing\s+(?:ever\s+)?(?:comes|came)\s+(?:out|back)\b", (_C, 3)),
    cue(
        r"\b(?:letter|e-?mail|notice|text|message|notification|warning)\s+(?:\w+\s+){0,4}?(?:arrived|came|was\s+sent"
        r"|got\s+here)\s+(?:\w+\s+){0,3}?(?:after|too\s+late)\b",
        (_C, 3),
    ),
    cue(
        r"\bdeliver(?:y|ies|ed)\b(?:\s+\S+){0,8}?\s+(?:late|(?:turned|showed|rocked|rolled)\s+up\s+(?:at|after|late)"
        r"|(?:came|arrived)\s+(?:at\s+\d|after|late))\b",
        (_V, 4),
    ),
    cue(
        r"(?:[$€£₪]\s?\d[\d.,]*|\b\d[\d.,]*\s?(?:quid|pounds?|dollars|bucks|euros|grand))\s+(?:just\s+|only\s+)?"
        r"(?:for|to)\b",
        (_B, 3),
    ),
    # Money owed back, before the amount alone (a bill) or the waiting (lateness) takes the words
    cue(
        rf"\b(?:get|got|getting|give|gave|giving|given|want|put|paid|pay|have|had|send|sent)\s+(?:me\s+|us\s+)?"
        rf"(?:my|our|the|me\s+my|us\s+our)\s+(?:{_MONEY}|\d[\d.,]*)\s+back\b|{_MONEY}\s+back\b",
        (_B, 3),
    ),
    # Points or money not showing on an account is neither late nor a no-show
    cue(
        r"\b(?:never|didn'?t|did\s+not|hasn'?t|has\s+not|haven'?t|have\s+not|still\s+(?:hasn'?t|not))\s+"
        r"(?:show(?:n|ed)?\s+up|appeared|come\s+through|gone\s+through)\s+(?:on|in)\s+(?:my|the|our)\s+(?:account"
        r"|statement|app|balance|card)\b"
    ),
    cue(r"\bleft\s+(?:my|our|the|a)\s+(?:parcels?|packages?|box(?:es)?|orders?|deliver\w*)\b", (_V, 3)),
)

EVERYDAY_CUES: tuple[Cue, ...] = (
    # Lateness: durations, slots, things not ready in time, the transport that never came
    cue(rf"\b{_DURATION}\s+late\b", (_L, 3)),
    cue(r"\b(?:show(?:s|ed|n)?|turn(?:s|ed)?)\s+up\s+on\s+(?:my|the|our|your)\b", (_L, -3)),
    cue(rf"\b{_DURATION}\s+(?:past|after|behind)\b", (_L, 2.5)),
    cue(
        r"\b(?:took|takes|taking|take)\s+(?:so\s+|too\s+|far\s+too\s+|way\s+too\s+)?(?:long|ages|forever)\b"
        r"|\bhow\s+long\b",
        (_L, 3),
    ),
    cue(r"\b(?:wasn'?t|weren'?t|isn'?t|not)\s+(?:\w+\s+)?ready\b|\bready\s+(?:by|until|till|on\s+time)\b", (_L, 2.5)),
    cue(
        r"\b(?:rocked|turned|showed|rolled)\s+up\s+(?:at|after|late|hours)\b|\b(?:came|arrived|got\s+there)\s+at\s+\d",
        (_L, 2.5),
    ),
    cue(
        r"\b(?:meant|supposed|due|booked|scheduled|promised)\s+(?:to\s+(?:come|arrive|be\s+here|start|begin|open"
        r"|collect|pick)(?!\s+with\b)|for)\b",
        (_L, 1),
    ),
    cue(r"\b(?:slot|time\s+window|(?:between|from)\s+\d{1,2}(?:am|pm)?\s*(?:and|-|to)\s*\d{1,2})\b", (_L, 1)),
    cue(r"\b(?:taxi|cab|minicab|bus|train|flight|coach|ferry)\b", (_L, 1)),
    cue(
        r"\b(?:it'?s|its|it\s+has)\s+been\s+(?:\d+|two|three|four|five|six|several)\s+(?:days|weeks"
        r"|months)\b",
        (_L, 1),
    ),
    cue(r"\bmissed\s+(?:our|my|the)\s+(?:flight|train|appointment|meeting|connection)\b", (_L, 2)),
    # Billing
    cue(r"\b(?:tak(?:e|es|ing)|took)\s+(?:the\s+|my\s+|our\s+)?money\b|\bmoney\b", (_B, 1.5)),
    cue(
        r"\b(?:subscription|membership|direct\s+debit|standing\s+order|renew(?:al|ed)?|insurance|premium|bank\s+"
        r"statement|card\s+statement|tariff|rate|deposit)\b",
        (_B, 1.5),
    ),
    cue(r"\b(?:daylight\s+robbery|extortionate|overpriced|too\s+much\s+money)\b", (_B, 3)),
    cue(
        r"\b(?:the\s+)?(?:price|bill)\s+(?:on|at|said|was|went|came)\b|\bat\s+the\s+till\b|\btill\s+(?:it|the\s+price)",
        (_B, 1),
    ),
    cue(r"\b(?:tried|trying|try)\s+to\s+pay\b", (_B, -2)),
    # Quality: what was made or done badly, or keeps failing
    cue(
        r"\b(?:dirty|dirtier|filthy|grubby|stank|stinks?|stinking|smell(?:s|ed|y)?|mou?ld(?:y)?|damp|unclean"
        r"|grim|grotty|manky|minging|gross|skanky|grimy|grime|unhygienic|crumbs|mildew|tacky"
        r"|not\s+clean"
        r"|hair\s+in|dusty|greasy|sticky|cockroach\w*|mice|bed\s*bugs)\b",
        (_Q, 2.5),
    ),
    cue(
        r"\b(?:cracking|peeling|wonky|crooked|uneven|not\s+level|loose|wobbly|coming\s+off|falling\s+off|line\s+up"
        r"|patchy|streaky|lumpy|bubbling|blistering|shiny)\b",
        (_Q, 2.5),
    ),
    cue(r"\b(?:leaks?|leaking|leaked|drips?|dripping)\b", (_Q, 2)),
    cue(r"\b(?:stone|freezing|ice)\s+cold\b|\b(?:was|were|arrived|came)\s+(?:\w+\s+)?cold\b", (_Q, 3)),
    cue(
        r"\b(?:drops?\s+out|dropping\s+out|cuts?\s+out|keeps?\s+(?:crashing|freezing|breaking|dropping|failing"
        r"|cutting)|no\s+signal|disconnect\w*|won'?t\s+(?:start|turn\s+on|charge)|not\s+working|broke\s+down"
        r"|packed\s+up|died\s+after)\b",
        (_Q, 2.5),
    ),
    cue(
        r"\b(?:like\s+(?:it\s+)?(?:did|was)\s+before|same\s+as\s+before|no\s+better|worse\s+than"
        r"|exactly\s+like\s+before"
        r"|still\s+there|didn'?t\s+(?:even\s+)?(?:work|help)|made\s+(?:it|things)\s+worse)\b",
        (_Q, 2.5),
    ),
    cue(
        r"\b(?:repair\w*|fix(?:ed|ing)?|service[ds]?|servicing|installation|installed|fitted|workmanship|haircut"
        r"|cut(?!\s+(?:through|into|off|open|out|my|our|the|a|an|his|her|their|me|us))"
        r"|colour|paint\w*|decorat\w*|cleaning|clean)\b",
        (_Q, 1),
    ),
    cue(
        r"\b(?:cowboys?|amateur\w*|half[- ]arsed|half[- ]hearted|bodged|bodge|mess(?:ed)?\s+up|not\s+fit\s+for"
        r"|rubbish\s+job|poor\s+job)\b",
        (_Q, 2.5),
    ),
    cue(
        r"\b(?:too\s+short|shorter\s+than|too\s+long|wrong\s+(?:colour|shade|length)|(?:wrong|misspel+t|misspelled"
        r"|spelt\s+wrong)\s+(?:name|spelling|date|message))\b",
        (_Q, 2.5),
    ),
    cue(r"\b(?:bought|purchased|sold\s+(?:me|us))\b", (_Q, 1)),
    # Damage: what we broke, marked or ruined
    cue(
        r"\b(?:rip|rips|tear|tears|holes?|chunk|chunks|gash|crack|cracks|dents?|burn\s+marks?|water\s+damage"
        r"|water\s+everywhere|burst|collapsed|come\s+down|came\s+down)\b",
        (_D, 2.5),
    ),
    cue(
        r"\b(?:reversed|backed|drove|crashed|bumped|smashed)\s+(?:\w+\s+){0,2}?into\b|\bhit\s+(?:my|our|the)\b", (_D, 3)
    ),
    cue(r"\b(?:drilled|knocked|banged|kicked)\s+(?:\w+\s+){0,3}(?:through|into|out|off|over)\b", (_D, 3)),
    cue(
        r"\b(?:muddy|mud|boot\s*prints|footprints|fingerprints|marks?|marked|scuffs?|paint\s+(?:on|all\s+over))\b",
        (_D, 2),
    ),
    cue(r"\b(?:bleached|shrunk|shrank|melted|faded|discolou?red|warped|burned|burnt\s+(?:a|the|my))\b", (_D, 2.5)),
    cue(
        r"\b(?:arrived|came|turned\s+up|delivered)\s+(?:\w+\s+){0,2}?(?:damaged|broken|smashed|cracked|dented|torn"
        r"|ripped|crushed|in\s+pieces|in\s+bits|with\s+a\s+(?:\w+\s+)?(?:rip|tear|hole|crack|dent|scratch"
        r"|chip))\b",
        (_D, 3),
    ),
    cue(
        r"\bin\s+(?:\d+|two|three|four|a\s+hundred|pieces|bits)\s+pieces\b|\b(?:in|to)\s+(?:pieces|bits|smithereens)\b",
        (_D, 2.5),
    ),
    # Staff: how they behaved
    cue(r"\b(?:lied|lying|liars?|misled|mislead\w*|dishonest|made\s+(?:it|that|something)\s+up)\b", (_S, 3)),
    cue(
        r"\b(?:the\s+way|how)\s+(?:\w+\s+){0,3}?(?:spoke|talked|speaks|talks|treated|treats|dealt|handled|behaved"
        r"|acted|addressed|looked\s+at|spoken|talking|speaking)\b",
        (_S, 3),
    ),
    cue(r"\btreated\b|\blike\s+(?:a\s+criminal|dirt|a\s+child|rubbish|a\s+thief|an?\s+\w+\s+criminal)\b", (_S, 2.5)),
    cue(
        r"\b(?:followed\s+(?:me|us)|accus\w+|racist|racism|sexist|discriminat\w*|humiliat\w*|embarrass\w+\s+(?:me|us)"
        r"|shoplift\w*|steal\s+something)\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:short\s+with|sighed|sighing|tutted|huffed|smirked|sneered|shrugged|glared|stared|snapped\s+at)\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:interrupt\w*|talked\s+over|talking\s+over|wouldn'?t\s+let\s+(?:me|us)\s+(?:finish|speak|talk|explain)"
        r"|cut\s+(?:me|us)\s+off\s+mid)\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:pushy|pushed\s+and\s+pushed|pressur\w*|hard\s+sell|wouldn'?t\s+take\s+no|would\s+not\s+take\s+no)\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:swore|swearing|sworn|cursed|effing|called\s+(?:me|us)\s+(?!back\b)\w+"
        r"|called\s+(?:him|her|them|my\s+\w+|our\s+\w+)\s+(?:an?\s+\w+|names|(?!back|about|to|in|on|at|and|the|for"
        r"|from|with|yesterday|today|twice|again|over|round|out|up|\d)\w+\s+(?:in\s+front|to\s+(?:his|her|my|our)"
        r"|and|because|for))|told\s+(?:me|us)\s+to\s+[\"'‘“]?(?:calm"
        r"|take|go|leave|get|shut|stop))\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:didn'?t|did\s+not|never)\s+(?:even\s+)?look\s+up\b"
        r"|\blooked\s+up\b|\bon\s+(?:his|her|their)\s+phone\b",
        (_S, 3),
    ),
    cue(r"\b(?:no\s+apology|didn'?t\s+(?:even\s+)?(?:say\s+sorry|apologi[sz]e)|never\s+apologi[sz]ed)\b", (_S, 1)),
    cue(rf"\b(?:{_PEOPLE}|front\s+desk|reception|counter|till)\b", (_S, 0.75)),
    # Missing or wrong item
    cue(
        r"\b(?:came|arrived|delivered|was\s+sent|turned\s+up)\s+with\s+(?:no|out)\b|\bno\s+(?:instructions|screws"
        r"|fixings|bolts|parts|manual|charger|cables?|batteries|sauce|cutlery|napkins|toy|lid|straws?|dressing)\b",
        (_M, 3),
    ),
    cue(r"\b(?:someone|somebody)\s+else'?s\b|\b(?:isn'?t|wasn'?t|weren'?t|not|none\s+of\s+it\s+was)\s+mine\b", (_M, 3)),
    cue(
        r"\b(?:completely\s+|totally\s+)?different\s+(?:\w+\s+){0,2}(?:to|from|than)\s+(?:the\s+one|what)\b"
        r"|\bcompletely\s+different\b",
        (_M, 2.5),
    ),
    cue(r"\bwrong\s+ones?\b|\bnot\s+what\s+(?:i|we)\s+(?:ordered|asked\s+for|paid\s+for|chose)\b", (_M, 3)),
    cue(r"\bsubstitut\w*\b", (_M, 2.5)),
    cue(r"\bwrong\s+(?!address|door|house|flat|number|time|day|date|way|person|department)\w+", (_M, 2)),
    cue(
        r"\b(?:one|two|three|four|five|\d+)\s+of\s+(?:the\s+|my\s+|our\s+)?(?:two|three|four|five|six|\d+)\b", (_M, 2.5)
    ),
    cue(r"\bnever\s+(?:fitted|installed|included|put\s+in|added|packed)\b|\bwithout\s+the\b", (_M, 2.5)),
    cue(r"\b(?:paid\s+for|ordered)\b", (_M, 1)),
    # Delivery: how the order was handed over, or not
    cue(
        r"\bleft\s+(?:\S+\s+){0,3}?(?:on\s+the\s+(?:pavement|doorstep|step|porch|drive|street|road|pavement)|outside"
        r"|in\s+the\s+rain|in\s+(?:the\s+)?(?:bin|hedge|bush)|behind\s+the|by\s+the\s+(?:door|bins|gate))\b",
        (_V, 3),
    ),
    cue(r"\b(?:threw|thrown|throwing|chucked|dumped|tossed|lobbed|hurled)\b", (_V, 2)),
    cue(
        r"\b(?:wouldn'?t|would\s+not|refused\s+to)\s+(?:bring|carry|take)\s+(?:it|them)\s+(?:in|up|inside|upstairs)\b",
        (_V, 3),
    ),
    cue(
        r"\b(?:lost|lose|losing)\s+(?:\w+\s+){0,4}?(?:parcels?|packages?|orders?|sofa|items?|box(?:es)?|deliver\w*"
        r"|furniture|bed|table|suitcase|luggage|bags?|post|mail|letters?)\b",
        (_V, 3),
    ),
    cue(
        r"\b(?:left\s+a\s+card|card\s+through\s+the\s+door|nobody\s+was\s+in|no\s+one\s+was\s+in|wasn'?t\s+in"
        r"|photo\s+of\s+a\s+door|wrong\s+(?:door|house|flat)|not\s+my\s+(?:door|house|flat|address))\b",
        (_V, 3),
    ),
    cue(
        r"\b(?:delivery\s+(?:slot|window|date|day|driver|man|men)|next[- ]day|missed\s+deliver\w*|deliveries)\b",
        (_V, 2),
    ),
    cue(r"\b(?:driver|van|lorry|courier|warehouse|depot|dispatch\w*|shipp\w*|posted|arrived|arrive)\b", (_V, 0.75)),
    # Communication: reaching us, hearing from us
    cue(
        r"\b(?:passed|pushed|bounced|sent|transferred)\s+(?:\w+\s+){0,2}?(?:from|between|around|back\s+and\s+forth)"
        r"|\bdepartments?\b",
        (_C, 2),
    ),
    cue(
        r"\b(?:cut|drilled|burst|punctured|severed|snapped|damaged)\s+(?:through\s+)?(?:\w+\s+){0,3}?(?:cables?|pipes?"
        r"|wires?|wiring|hose|mains|water\s+main)\b",
        (_D, 3),
    ),
    cue(
        r"\b(?:sent|went|delivered|posted|addressed|shipped)\s+to\s+(?:my|our|the|a|an)\s+(?:old|previous|wrong|different"
        r"|billing|work|home|business|other"
        r"|former)\s+address\b|\bold\s+address\b",
        (_V, 3),
    ),
    cue(
        rf"\b(?:call(?:ed)?|phoned|rang|rung|emailed|e-mailed|messaged|chased|contacted|wrote|written|texted|asked"
        rf"|reminded|begged|requested)\s+"
        rf"(?:\w+\s+){{0,3}}?{_NUMBER_WORD}\s+times\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:answers?|answered|answering|pick(?:s|ed)?\s+up)\s+(?:the\s+|my\s+|our\s+|their\s+|your\s+|any\s+)?"
        r"(?:phones?|calls?|e-?mails?|messages?|letters?|texts?|quer(?:y|ies)|questions?|complaints?)\b"
        r"|\bpicks?\s+up\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:get|got|getting)\s+(?:through|hold\s+of)\b|\bcan'?t\s+get\s+(?:through|hold)\b"
        r"|\btrying\s+to\s+(?:get\s+(?:through|hold|in\s+touch|an?\s+(?:answer|reply|response)|someone|anyone|somebody)"
        r"|reach|contact)\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:got|had|received|heard)\s+nothing\s+back\b|\bnothing\s+back\b|\b(?:not\s+)?(?:a\s+)?single\s+(?:reply"
        r"|response|answer|email)\b|\bautomatic\s+reply\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:explain\w*\s+(?:my|the|our|it)\s+\w+\s+(?:to|again)|different\s+(?:people|person|story|answers?|stor"
        r"(?:y|ies))|passed\s+(?:around|from)|transferr\w*|round\s+in\s+circles|chatbot|bot|real\s+person"
        r"|human\s+being"
        r"|speak\s+to\s+(?:a|someone|anyone))\b",
        (_C, 3),
    ),
    cue(r"\b(?:tells?|told|telling)\s+(?:you|me|us)\s+(?:anything|nothing)\b|\b(?:found|find)\s+out\b", (_C, 2.5)),
    cue(
        r"\b(?:line\s+went\s+dead|got\s+cut\s+off|cut\s+off|goes\s+to\s+voicemail|went\s+to\s+voicemail|no\s+one\s+"
        r"(?:answers|picks)|engaged|queue\s+for)\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:changed|moved|cancell?ed|postponed|rescheduled)\s+(?:my\s+|our\s+|the\s+)?(?:appointment|booking|date"
        r"|time|flight|order|job|delivery)\s+(?:and|without)\b|\b(?:had\s+)?(?:changed|been\s+(?:changed|moved"
        r"|cancell?ed|postponed))\b",
        (_C, 2),
    ),
    cue(r"\b(?:get|got|getting)\s+an?\s+(?:answer|reply|response|update)\b|\bsimple\s+answer\b", (_C, 2.5)),
    # More everyday phrasings, category by category
    cue(
        r"\b(?:overdue|behind\s+schedule|(?:weeks|months|days)\s+behind|took\s+forever|slow(?:ly|est)?|last[- ]minute"
        r"|wasted\s+(?:my|our|a|the\s+whole)\s+(?:\w+\s+)?(?:day|morning|afternoon|evening)|deadline"
        r"|tardy)\b",
        (_L, 2),
    ),
    cue(r"\b(?:queue[ds]?|queuing|queueing)\b", (_L, 1.5)),
    cue(
        r"\b(?:discount|voucher|coupon|promo(?:tion(?:al)?)?\s+code|price\s+match|cashback|debited|pending\s+(?:charge"
        r"|payment|transaction)|pre-?authori[sz]ation|hold\s+on\s+my\s+card|interest|tax|tip)\b",
        (_B, 1.5),
    ),
    cue(
        r"\b(?:found\s+a|(?:a|with)\s+(?:hair|fly|insect|bug|plaster|piece\s+of\s+\w+)\s+in|gone\s+off|out\s+of\s+date"
        r"|past\s+its|expired|tiny\s+portions?|portions?\s+(?:were|was)|not\s+as\s+(?:described|advertised|pictured)"
        r"|looked\s+nothing\s+like|fake|counterfeit|cheap(?:ly)?\s+(?:made|materials?)|flimsy|badly\s+(?:made|fitted"
        r"|done"
        r"|finished|installed|cut)|poorly\s+(?:made|fitted|done|finished|installed)|came\s+apart|missed\s+(?:bits"
        r"|spots|patches)|tasted?\s+(?:like|off|awful|terrible|horrible|of)|inedible|noisy"
        r"|uncomfortable)\b",
        (_Q, 2.5),
    ),
    cue(r"\b(?:destroyed|wrecked|ruined\s+(?:my|our|the)|bent|warped|gouged|punctured)\b", (_D, 2.5)),
    cue(
        r"\b(?:argued|arguing|argumentative|threaten\w*|intimidat\w*|harass\w*|lectured|judg(?:ed|ing|emental)"
        r"|drunk|no\s+empathy|spoke\s+to\s+(?:me|us|my\s+\w+)\s+like|talked\s+to\s+(?:me|us|my\s+\w+)\s+like)\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:\d+|one|two|three|four|five)\s+(?:\w+\s+)?short\b|\bswapped\b|\b(?:didn'?t|never|did\s+not)\s+(?:get|receive)"
        r"\s+(?:my|the|our)\s+(?!refund|money|parcel|package|order|delivery|call|email|reply|answer)\w+",
        (_M, 2.5),
    ),
    cue(
        r"\b(?:safe\s+place|signed\s+for|signature|letterbox|letter\s+box|collection\s+point|parcel\s+locker|locker"
        r"|pick[- ]?up\s+point|re-?deliver\w*|customs|in\s+transit|returned\s+to\s+sender|neighbou?rs?)\b",
        (_V, 2.5),
    ),
    cue(
        r"\bpromised\s+(?:to\s+(?:call|ring|phone|email|get\s+back|let)|a\s+(?:call|callback|call\s+back|reply))\b"
        r"|\b(?:conflicting|contradict\w*|misinform\w*|wrong\s+information|different\s+things|no\s+idea|nobody\s+knew"
        r"|no\s+one\s+knew)\b",
        (_C, 3),
    ),
    cue(r"\b(?:contact(?:ed|ing)?|complain(?:ed|t|ts)?|explanation|get\s+back\s+to)\b", (_C, 1)),
    cue(rf"\btook\s+(?:over\s+|nearly\s+|almost\s+|more\s+than\s+|about\s+)?{_DURATION}", (_L, 3)),
    cue(
        r"\bstill\s+(?:isn'?t|not|hasn'?t\s+been|wasn'?t|aren'?t)\s+(?:\w+\s+)?(?:finished|done|complete|ready|fixed"
        r"|sorted|started)\b|\bcancell?ed\s+on\s+(?:me|us)\b|\bthe\s+(?:morning|day|night)\s+(?:of"
        r"|before)\b",
        (_L, 2.5),
    ),
    cue(r"\b(?:noise|noisy|banging|rattl\w*|squeak\w*|squeal\w*|grinding|humming|buzzing|whining)\b", (_Q, 2)),
    cue(
        r"\b(?:doesn'?t|does\s+not|won'?t|didn'?t|don'?t|wouldn'?t)\s+(?:close|open|lock|shut|drain|flush|heat\s+up"
        r"|heat"
        r"|cool|spin|charge|print|connect|turn\s+on|switch\s+on|fit|stay\s+(?:on|up|shut|closed))\b",
        (_Q, 2.5),
    ),
    cue(r"\b(?:scraped|scraping|scuffed|gouged|chipped|bashed)\b", (_D, 2.5)),
    cue(
        r"\b(?:made\s+(?:a\s+)?(?:\w+\s+)?(?:comments?|remarks?|jokes?|cracks?|digs?|jibes?|quips?)|comments?\s+about\s+(?:my|our|his|her)"
        r"|turned\s+(?:his|her|their)\s+back|walked\s+away\s+from|(?:wouldn'?t|didn'?t|did\s+not"
        r"|would\s+not)\s+(?:even\s+)?"
        r"listen|not\s+listening)\b",
        (_S, 3),
    ),
    cue(
        r"\bhalf\s+(?:of\s+)?(?:the|my|our)\s+(?:stuff|items|things|bits|shopping|food|groceries)\b|\b(?:arrived|came"
        r"|delivered|opened\s+it)\s+(?:\w+\s+)?(?:but|and)\s+there\s+(?:was|were)\s+no\b|\bthere\s+(?:was"
        r"|were)\s+no\s+\w+"
        r"\s+(?:in|inside|included|with\s+it)\b",
        (_M, 3),
    ),
    cue(
        r"\b(?:back\s+to\s+(?:the\s+)?sender|sent\s+(?:it\s+)?back\s+to\s+(?:the\s+)?(?:depot|warehouse|sender)"
        r"|nowhere\s+to\s+be\s+(?:found|seen)|refused\s+to\s+(?:come|deliver|carry|bring)|stuck\s+(?:at"
        r"|in)\s+(?:the\s+|a\s+|their\s+)?"
        r"(?:depot|warehouse|customs|sorting|hub|transit))\b",
        (_V, 3),
    ),
    cue(
        r"\b(?:phone\s+lines?|high\s+volumes?|busy\s+line|line\s+is\s+busy|hangs\s+up|automated\s+(?:message|response"
        r"|reply)|call\s+queue|press\s+\d|menu\s+options?)\b",
        (_C, 2.5),
    ),
    cue(
        r"\b(?:nobody|no\s+one|no-one)\s+(?:seemed|seems)\s+to\s+know\b|\bwhat\s+(?:was|is)\s+going\s+on\b"
        r"|\breturn(?:s|ed|ing)?\s+(?:my|our|any\s+of\s+my)\s+(?:calls?|messages?|emails?)\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:didn'?t|did\s+not|wasn'?t|weren'?t)\s+(?:\w+\s+){1,2}(?:until|till|til)\b|\bnot\s+(?:until|till)\b",
        (_L, 2.5),
    ),
    cue(
        r"\b(?:bill|price|charge|premium|payment|fee|rate|cost|tariff)s?\s+(?:\w+\s+)?(?:doubled|tripled|went\s+up"
        r"|increased|rose|jumped|shot\s+up|has\s+gone\s+up)\b",
        (_B, 3),
    ),
    cue(
        r"\b(?:sags?|sagging|saggy|bobbled|pilled|worn\s+(?:out|through)|after\s+(?:one|a|\d+|two|three)\s+(?:wash"
        r"|washes"
        r"|use|uses|wear|wears))\b",
        (_Q, 2.5),
    ),
    cue(
        r"\b(?:pink\s+(?:inside|in\s+the\s+middle)|was\s+sick|were\s+sick|food\s+poisoning|ill\s+after|threw\s+up"
        r"|vomit\w*|stomach\s+(?:ache|upset|bug))\b",
        (_Q, 3),
    ),
    cue(
        r"\bkeeps?\s+(?:losing|dropping|tripping|turning\s+off|switching\s+off|going\s+off|beeping|flashing|stopping"
        r"|leaking|overheating|jamming)\b",
        (_Q, 3),
    ),
    cue(
        r"\b(?:cut|nicked|burned|burnt|scalded|injured|hurt|bruised)\s+(?:my|our|his|her)\s+(?:\w+'?s\s+)?(?:ear|hand"
        r"|finger|skin|scalp|face|leg|arm|head|paw|foot|neck|back|eye)\b",
        (_D, 3),
    ),
    cue(
        r"\b(?:half[- ]finished|without\s+finishing|(?:didn'?t|never|did\s+not)\s+finish\w*|left\s+the\s+job"
        r"|not\s+(?:finished|completed)|(?:didn'?t|did\s+not|never|wasn'?t|weren'?t|not)\s+(?:\w+\s+){0,3}?properly"
        r"|nothing\s+like\s+(?:the|its|their|your)\s+(?:photos?|pictures?|description|website|advert|ad)"
        r"|(?:live|exposed|bare)\s+wires?|unsafe|dangerous|hazard\w*|a\s+safety)\b",
        (_Q, 3),
    ),
    cue(r"\b(?:bitten|got\s+hurt|was\s+hurt|injured|injury)\b", (_D, 2.5)),
    cue(
        r"\bdenied\s+(?:ever\s+)?(?:saying|promising|it|that)\b|\b(?:take|taking|took)\s+responsibility\b"
        r"|\bpassed\s+the"
        r"\s+buck\b|\bblam(?:ed|ing)\s+(?:me|us|each\s+other|someone|the\s+customer)\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:luggage|suitcases?|bags?)\s+(?:\w+\s+){0,2}?(?:didn'?t\s+arrive|never\s+arrived|lost|missing"
        r"|went\s+missing"
        r"|didn'?t\s+come)\b|\bstill\s+in\s+the\s+van\b",
        (_V, 3),
    ),
    cue(
        r"\b(?:no\s+one|nobody|no-one)\s+(?:ever\s+)?mentioned\b|\b(?:never|didn'?t|did\s+not"
        r"|wasn'?t)\s+mention(?:ed)?\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:marketing|spam|newsletters?|promotional|unsubscrib\w*|cold[- ]call\w*|nuisance\s+calls?|junk\s+mail"
        r"|mailing\s+list|taken\s+off\s+(?:the|your)\s+(?:\w+\s+)?list)\b",
        (_C, -3),
        (_O, 3),
    ),
    cue(
        r"\b(?:data\s+breach|personal\s+(?:details|data|information)|privacy|gdpr|(?:my|our)\s+(?:home\s+)?address"
        r"\s+to)\b",
        (_C, -3),
        (_M, -3),
        (_O, 3),
    ),
)


_ROOMS = (
    r"ceiling|floor(?:boards?)?|walls?|windows?|windscreen|doors?|roof|glass|screen|table|plasterboard"
    r"|worktop|counter(?:top)?|skirting(?:\s+boards?)?"
)

_DAMAGE_VERBS = verbs(
    "scratch",
    "scuff",
    "dent",
    "gouge",
    "chip",
    "smash",
    "shatter",
    "stain",
    "rip",
    "crush",
    "squash",
    "scrape",
    "puncture",
    "bleach",
    "scorch",
    "singe",
    "warp",
    "dint",
    "ding",
    "damage",
    "wreck",
    "ruin",
    "destroy",
    ("tear", "tore", "torn"),
    ("bend", "bent"),
    ("shrink", "shrank", "shrunk"),
    ("burn", "burnt"),
)
_MANNER_VERBS = verbs(
    "moan",
    "nag",
    "grumble",
    "rant",
    "bark",
    "snarl",
    "growl",
    "snap",
    "shout",
    "yell",
    "scream",
    "curse",
    "sneer",
    "smirk",
    "mock",
    "insult",
    "belittle",
    "patronise",
    "patronize",
    "humiliate",
    "abuse",
    "bully",
    "harass",
    "intimidate",
    "threaten",
    "interrupt",
    "lecture",
    "scold",
    "tut",
    "glare",
    "snigger",
    "snicker",
    "berate",
    "ridicule",
    "demean",
    ("swear", "swore", "sworn"),
)
_FAILURE_VERBS = verbs(
    "leak",
    "drip",
    "peel",
    "flake",
    "fade",
    "fray",
    "wobble",
    "rattle",
    "squeak",
    "creak",
    "flicker",
    "overheat",
    "jam",
    "malfunction",
    "glitch",
    "rust",
    "corrode",
    "mist",
    "unravel",
    "crumble",
    "disintegrate",
    ("split", "split"),
)
"""Verb families (every form, ``english_morphology``) for damage done, a manner towards the customer, and things
that fail; the specific cues above them in the table take a position first."""

WIDER_CUES: tuple[Cue, ...] = (
    # Everyday words the first tables lacked: slang, British and American usage, phrasal verbs, things described
    # rather than named. Each is a family a careful reader would expect from any customer, not one answer's phrase.
    # Lateness: people who came late or kept the customer waiting, in other words
    cue(
        r"\b(?:pitched|rolled|swanned|strolled|wandered|breezed|sauntered)\s+(?:up|in)\s+(?:at|after|late|hours"
        r"|\d)",
        (_L, 3),
    ),
    cue(
        rf"\b(?:took|takes|taking|take)\s+(?:\w+\s+){{0,2}}?{_DURATION}\s+(?:\w+\s+)?to\s+(?:get|come|arrive|turn|show|see|fix"
        r"|finish|sort|do)\b",
        (_L, 3),
    ),
    cue(
        rf"\b{_DURATION}\s+(?:for|before|until|till)\s+(?:\w+\s+){{0,3}}?to\s+(?:see|come|arrive|turn|show"
        r"|get\s+to|be\s+seen|call\s+(?:my|our)\s+name)\b",
        (_L, 3),
    ),
    cue(rf"\bhad\s+(?:my|our|the|his|her)\s+(?:\w+\s+)?for\s+(?:over\s+|nearly\s+|almost\s+)?{_DURATION}", (_L, 3)),
    cue(
        r"\b(?:said|told\s+(?:me|us)|promised|quoted)\s+(?:it\s+)?(?:would|will|'d)\s+(?:only\s+)?(?:take|be)\s+"
        r"(?:\d+|an?|one|two|three|a\s+couple|a\s+few)\b",
        (_L, 2),
    ),
    cue(
        r"\b(?:hung|hanging|sat|sitting|kicking\s+(?:my|our)\s+heels)\s+(?:around|about|there"
        r"|in\s+(?:the\s+)?(?:waiting\s+room|reception|lobby|corridor|queue|car))\b|\bwaiting\s+room\b"
        r"|\b(?:stood|standing)\s+in\s+(?:the\s+)?(?:queue|line|cold|rain)\b"
        r"|\bfor\s+(?:ages|hours|yonks|an\s+eternity)\b",
        (_L, 2.5),
    ),
    cue(
        r"\b(?:runs?|running|ran)\s+(?:\w+\s+)?(?:late|behind)\b|\bran\s+over\s+(?:time|schedule|by)\b"
        r"|\b(?:appts?|appointments?)\b",
        (_L, 1.5),
    ),
    cue(rf"\b{_DURATION}\s+away\b|\bfor\s+(?:over\s+|nearly\s+|almost\s+)?{_DURATION}\b", (_L, 1.5)),
    cue(
        r"\bready\s+(?:the\s+)?(?:following|next)\b|\b(?:days?|weeks?)\s+later\b|\b(?:said|promised|told\s+(?:me|us))"
        r"\s+(?:it\s+would\s+be\s+(?:ready\s+)?)?(?:on\s+|by\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday"
        r"|sunday|tomorrow|today|tonight)\b|\b(?:on\s+the\s+(?:tarmac|runway)|stuck\s+on\s+(?:the\s+)?(?:plane"
        r"|train|bus|tarmac))\b",
        (_L, 2.5),
    ),
    cue(
        r"\bpush(?:ed|es|ing)?\s+(?:\w+\s+){0,3}?back\b|\bpushed\s+(?:back\s+)?(?:\d+|two|three|four|again)\b"
        r"|\bstart\s+date\b|\bput\s+(?:it\s+|us\s+|me\s+)?back\s+(?:again|another|a\s+(?:week|month|day))\b",
        (_L, 2.5),
    ),
    # Billing: being overcharged, in slang; money that went out or never came back
    cue(
        r"\b(?:fleeced|swindled|conned|diddled|stung|gouged\s+(?:me|us)|price[- ]goug\w*|taken\s+for\s+a\s+ride"
        r"|highway\s+robbery|extortion\w*|overpriced|overcharg\w*|scam(?:med|s)?)\b",
        (_B, 3),
    ),
    cue(r"\bback\s+(?:on|onto|into|in|to)\s+(?:my|our|the)\s+(?:card|account|bank)\b", (_B, 3)),
    cue(
        r"\b(?:came|come|comes|coming|went|taken|took|take|taking)\s+out\s+of\s+(?:my|our|the)\s+(?:\w+\s+)?"
        r"(?:account|bank|card|wages|pay)\b",
        (_B, 3),
    ),
    cue(
        r"\b(?:took|taken|take|takes|taking|charged|billed|deducted|debited)\s+(?:me\s+|us\s+)?"
        r"(?:[$€£₪]\s?\d[\d.,]*|\d[\d.,]*)\s*(?:quid|pounds?|dollars|bucks|euros)?\s+(?:off|from|out)\b",
        (_B, 3),
    ),
    cue(r"\b(?:meter|readings?|statements?|overdrawn|overdraft|tariff|standing\s+charge|units)\b", (_B, 1.5)),
    cue(
        r"\b(?:debit(?:s|ed|ing)?|direct\s+debits?|payments?|instal(?:l)?ments?|extras|add-?ons|added\s+on)\b", (_B, 2)
    ),
    cue(
        r"\b(?:contract|plan|rent|bill|tariff|subscription|premium|price|fee)s?\s+(?:\w+\s+)?(?:went|has\s+gone|gone"
        r"|shot|crept|is\s+going)\s+up\b|\bput\s+(?:the|my|our)\s+(?:\w+\s+)?up\s+by\b",
        (_B, 3),
    ),
    cue(
        r"\b\d+\s+(?:a|an|per)\s+(?:night|month|week|day|hour|year|head|person)\b|\bper\s+(?:night|month|week"
        r"|head)\b",
        (_B, 1.5),
    ),
    cue(r"\b(?:claim|payout|pay-?out|excess|cover|policy|warranty|guarantee)\b", (_B, 1)),
    cue(r"\b(?:quid|bucks|fiver|tenner|grand|cash)\b|\b\d+p\b", (_B, 1)),
    cue(r"\b(?:wouldn'?t|won'?t|refused\s+to|will\s+not|would\s+not)\s+(?:give|pay|hand)\s+(?:\w+\s+)?back\b", (_B, 3)),
    # Quality: work or goods that fell short, said plainly or in slang
    cue(
        r"\b(?:knackered|kaput|conked\s+out|gave\s+up\s+the\s+ghost|packed\s+in|on\s+the\s+blink|playing\s+up"
        r"|acting\s+up|dodgy|duff|ropey|ropy|naff|glitch\w*|buggy|faulty|defective|malfunction\w*|dies|died"
        r"|dead\s+(?:on\s+arrival|after))\b",
        (_Q, 2.5),
    ),
    cue(
        r"\b(?:wi-?fi|internet|broadband|signal|connection|network|tv|heating|hot\s+water"
        r"|power|electric(?:s|ity)?)\s+(?:is|was|keeps|goes|went|has\s+been|kept)\s+(?:\w+\s+)?(?:dead|down|off"
        r"|out|dropping|cutting)\b",
        (_Q, 3),
    ),
    cue(
        r"\b(?:doesn'?t|does\s+not|didn'?t|did\s+not|never|won'?t)\s+(?:do|did|does)\s+what\s+(?:it|they|you)"
        r"\b|\b(?:doesn'?t|does\s+not|won'?t|didn'?t)\s+(?:keep|stay|hold|last|get)\s+(?:\w+\s+)?(?:cold|warm|hot"
        r"|charge|shut|closed|together|clean|dry)\b",
        (_Q, 3),
    ),
    cue(
        r"\b(?:let(?:s|ting)?|lets)\s+(?:the\s+)?(?:water|rain|damp|draughts?|drafts?|cold|air|wind)\s+in\b"
        r"|\b(?:bumpy|ridges?|lumps|rough\s+finish|all\s+over\s+the\s+place|overspray|gaps?\s+(?:in|around"
        r"|between)|not\s+straight)\b",
        (_Q, 2.5),
    ),
    cue(
        r"\b(?:didn'?t|did\s+not|never|barely|hardly|scarcely)\s+(?:even\s+)?(?:touch(?:ed)?|clean(?:ed)?"
        r"|hoover(?:ed)?|vacuum(?:ed)?|mop(?:ped)?|dust(?:ed)?|wipe[ds]?|did\s+(?:anything|a\s+thing)"
        r"|do\s+(?:anything|a\s+thing))\b|\brushed\b",
        (_Q, 2.5),
    ),
    cue(
        r"\b(?:swimming\s+in|greasy|oily|reheated|microwaved|cremated|overdone|underdone|bland|rubbery|chewy"
        r"|gristly|watery|lukewarm|luke\s+warm|tepid|congealed|hard\s+as\s+(?:a\s+)?(?:rock|brick|nails)|rock\s+hard"
        r"|smel(?:t|led|ls|l)\s+off|off\s+milk)\b",
        (_Q, 2.5),
    ),
    cue(
        r"\b(?:feel|felt|feeling|made\s+(?:me|us|him|her|them|my\s+\w+))\s+(?:\w+\s+)?(?:sick|ill|unwell|rough"
        r"|queasy)\b",
        (_Q, 3),
    ),
    cue(
        r"\b(?:still|again)\s+(?:visible|showing|there|the\s+same|squeaking|rattling|making)\b"
        r"|\b(?:the\s+)?first\s+time\s+(?:i|we|he|she|they)\s+(?:wore|used|washed|tried|put)\b",
        (_Q, 2),
    ),
    cue(
        r"\b(?:would|will|should)\s+be\s+(?:done|finished|ready|completed?|fixed|sorted|here|back|up\s+and\s+running)"
        r"\s+(?:by|before|within|in|for)\b",
        (_L, 2.5),
    ),
    cue(
        r"\b(?:wilted|wilting|withered|drooping|droopy|rotten|rotting|bruised|mushy|half\s+dead|blurry|blurred"
        r"|pixelated|grainy|out\s+of\s+focus|too\s+(?:dark|light|faint|small|big|tight|loose|thin)|see-?through"
        r"|(?:coming|came)\s+(?:down|apart|loose|undone|unstuck|unstitched)|unravell?(?:ing|ed)|fraying|frayed)\b",
        (_Q, 2.5),
    ),
    cue(r"\b(?:altered|alterations?|tailor\w*|printed|prints|photos|developed)\b", (_Q, 1)),
    cue(
        r"\b(?:came|come|turned)\s+out\s+(?:\w+\s+)?(?:orange|green|yellow|grey|gray|brassy|patchy|streaky|wrong"
        r"|blotchy|uneven|too\s+\w+)\b|\b(?:streaky|smudged|smeared|faint)\b",
        (_Q, 3),
    ),
    cue(r"\b(?:barely|hardly)\s+any\b|\b(?:measly|stingy|skimpy|paltry|watered[- ]down)\b", (_Q, 2.5)),
    cue(
        r"\b(?:lifted|peeled|chipped|came\s+off|fell\s+out|faded|broke|stopped|died|snapped|split|ripped|tore)\s+after"
        r"\s+(?:just\s+|only\s+)?(?:\d+|one|a|two|three|four)\s+(?:days?|weeks?|months?|uses?|washes?|wears?)\b"
        r"|\blasted\s+(?:just\s+|only\s+)?(?:\d+|one|a|two|three|four)\s+(?:days?|weeks?|months?)\b",
        (_Q, 3),
    ),
    cue(
        r"\b(?:dips?|dipping|sags?|hollows?)\s+in\s+(?:the\s+)?(?:middle|centre|center)\b|\bpull(?:s|ing)?\s+to\s+"
        r"(?:the\s+)?(?:left|right|one\s+side)\b|\b(?:vibrat\w*|shudder\w*|judder\w*|clunk\w*|misfir\w*|stalls"
        r"|stalled|stalling)\b",
        (_Q, 2.5),
    ),
    # Damage: what was marked, broken or spoilt, including descriptions of it
    cue(
        r"\b(?:took|taken|knocked|ripped|tore|gouged|chipped|taking|knocking)\s+(?:a\s+)?(?:\w+\s+)?(?:lumps?"
        r"|chunks?|bits?|pieces?|chips?)\s+out\s+of\b",
        (_D, 3),
    ),
    cue(rf"\bthrough\s+(?:the|my|our|a|an|his|her)\s+(?:new\s+)?(?:{_ROOMS})\b", (_D, 3)),
    cue(
        r"\b(?:snapped|broke|broken|cut|split|cracked|torn|ripped|sawn)\s+(?:\w+\s+)?in\s+(?:half|two)\b"
        r"|\b(?:stepped|trod|trodden|sat|knelt|leant|leaned)\s+on\s+(?:my|our)\b|\b(?:ran|run|drove|driven|reversed"
        r"|backed)\s+over\s+(?:my|our|the|his|her)\b|\bturned\s+(?:my|our|the|all)\s+(?:\w+\s+){0,2}?(?:pink|grey|gray"
        r"|blue|yellow|brown|green|black|orange|purple)\b",
        (_D, 3),
    ),
    cue(r"\b(?:took|taken|knocked|pulled|ripped)\s+(?:out|down)\s+(?:my|our|the|a|part\s+of)\b", (_D, 2.5)),
    cue(
        r"\b(?:spilt|spilled|spilling|splashed|splattered|sprayed|smeared|tipped|poured|dripped)\s+(?:\w+\s+){0,3}?"
        r"(?:on|over|onto|all\s+over|across|down)\s+(?:my|our|the|his|her)\b",
        (_D, 3),
    ),
    cue(
        r"\b(?:squashed|squished|mangled|buckled|caved\s+in|bashed|battered|bust|busted|snapped|dinged|scrapes?"
        r"|nicks?|grazed|swollen|blistered|scorched|singed|stained|soaked|soaking|sodden|waterlogged|split)\b",
        (_D, 2.5),
    ),
    cue(
        r"\b(?:took|pulled|ripped|tore|torn|knocked|brought|taken)\s+(?:\w+\s+){0,2}?(?:plaster|paint|paintwork"
        r"|wallpaper|tiles?|render|grout|skirting)\s+(?:off|down|away|with)\b|\byank(?:ed|ing)?\b",
        (_D, 3),
    ),
    cue(
        r"\b(?:box|packaging|parcel|package|case|container)\s+(?:\w+\s+){0,2}?(?:looked|was|had\s+been)\s+(?:\w+\s+)"
        r"{0,4}?(?:sat|stood|trodden|stepped|kicked|dropped|thrown|run)\s+(?:on|over|around|about)?\b",
        (_D, 3),
    ),
    cue(r"\b(?:dragg(?:ed|ing)|scrap(?:ed|ing)|push(?:ed|ing))\s+(?:\w+\s+){0,3}?(?:across|along|over)\b", (_D, 1.5)),
    # Staff: how people behaved, in everyday words
    cue(
        r"\b(?:snotty|snooty|sniffy|stroppy|shirty|surly|grumpy|moody|mardy|offhand|off-hand|brusque|snappy|cheeky"
        r"|gobby|mouthy|sullen|smug|cocky|uninterested|disinterested|couldn'?t\s+have\s+been\s+less|unwelcoming"
        r"|unpleasant|bolshy|rude)\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:shoved|manhandl\w*|grabbed|assault\w*|elbowed|poked|pushed\s+(?:me|us|my|him|her))\b"
        r"|\b(?:screamed|shouted|yelled|bellowed|barked|snarled)\s+at\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:chewing\s+gum|texting|scrolling|gossip\w*|chatting|nattering|messing\s+(?:about|around)|joking"
        r"\s+around|stood\s+around|standing\s+around|sat\s+around|on\s+(?:his|her|their)\s+(?:phone|mobile))\b",
        (_S, 2.5),
    ),
    cue(
        r"\b(?:my|our)\s+own\s+fault\b|\bit\s+was\s+(?:my|our)\s+fault\b|\bput\s+the\s+phone\s+down\s+on\b"
        r"|\b(?:waved|brushed|shooed|palmed)\s+(?:me|us|my\s+\w+)\s+(?:away|off)\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:said|say|saying)\s+(?:hello|hi|goodbye|good\s+morning|thank\s+you|thanks|please)\b|\b(?:greet\w*"
        r"|welcom\w*|acknowledg\w+\s+(?:us|me)|more\s+interested\s+in)\b",
        (_S, 2.5),
    ),
    cue(
        r"\b(?:acts?|acted|acting|treats?|treated)\s+(?:\w+\s+)?like\s+(?:we|i)(?:'re|'m|\s+(?:are|am|were|was))\s+"
        r"(?:a\s+)?(?:bother\w*|nuisance|pest|wasting|annoying|interrupting|stupid|idiots?|thick|dumb)\b"
        r"|\b(?:making|made|makes)\s+excuses\b|\bcheck(?:ed)?\s+on\s+(?:us|me)\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:claimed|insisted|swore|pretended|denied)\s+(?:that\s+)?(?:he|she|they|it|we|i)\s+(?:had\s+)?(?:never"
        r"|didn'?t|did\s+not|wasn'?t)\b",
        (_S, 3),
    ),
    cue(
        r"\babout\s+(?:my|our|his|her)\s+(?:weight|age|accent|appearance|looks|size|clothes|skin|race|religion"
        r"|disability|hair|name|english)\b|\bbecause\s+(?:i'?m|i\s+am|we'?re|she'?s|he'?s)\s+(?:a|an|old|young"
        r"|foreign|disabled|black|gay|deaf|blind)\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:wouldn'?t|would\s+not|didn'?t|did\s+not)\s+leave\s+(?:me|us)\s+alone\b|\b(?:hassl\w+|pester\w*"
        r"|badger\w*|hounded|harangu\w*)\b|\blike\s+a\s+rash\b",
        (_S, 3),
    ),
    cue(
        r"\b(?:talk|talking|speak|speaking|spoke|talked|treat|treating|treated)\s+(?:to\s+)?(?:\w+\s+)?(?:customers?"
        r"|people|me|us|anyone|someone)\s+like\s+(?:that|this)\b|\b(?:needs?|should\s+be|deserves?\s+to\s+be)"
        r"\s+(?:sacking|sacked|firing|fired|disciplin\w*|retrain\w*)\b",
        (_S, 3),
    ),
    # Missing or wrong item: what should have been there and was not
    cue(r"\b(?:supposed|meant|due|advertised|said)\s+to\s+(?:have|include|contain|come\s+with)\b", (_M, 2.5)),
    cue(
        r"\bshort\s+(?:by\s+)?(?:\d+|one|two|three|four|five|a\s+couple|a\s+few)\b|\bthe\s+other\s+(?:\d+|one"
        r"|two|three|four|five|half)\b|\bthe\s+rest\s+of\s+(?:my|our|the)\s+(?:order|items|stuff|shopping)\b",
        (_M, 2.5),
    ),
    cue(
        r"\bleft\s+(?:the\s+|my\s+|our\s+)?(?:\w+\s+){1,2}?out\s+of\s+(?:my|our|the)\s+(?:order|bag|box"
        r"|delivery|parcel|basket|meal)\b",
        (_M, 3),
    ),
    cue(
        r"\b(?:i|we)\s+(?:chose|picked|selected|specified|clearly\s+(?:asked|ordered))\b|\b(?:vegan|vegetarian"
        r"|gluten[- ]free|dairy[- ]free|halal|kosher|nut[- ]free|allerg\w+)\b",
        (_M, 2),
    ),
    cue(
        r"\bno\s+(?:rice|chips|fries|naan|bread|dip|sauces?|drinks?|dessert|sides?|salad|cheese|cutlery|receipt"
        r"|remote|plug|lead|case|box|strap|key|keys|writing|message|lettering|topping|filling|icing|decorations?"
        r"|sprinkles|ribbon|gift\s+message|label|tag|stand|dock|lid|dressing)\b",
        (_M, 2.5),
    ),
    # Delivery: where the goods went, how they were handed over
    cue(
        r"\b(?:went|sent|delivered|taken|dropped|left|given|handed)\s+(?:it\s+|them\s+)?(?:to|at|with|over\s+to)\s+"
        r"(?:number|no\.?|house|flat)\s+\d+\b|\bnext\s+door\b",
        (_V, 3),
    ),
    cue(
        r"\b(?:dropped|left|dumped|put|plonked|abandoned)\s+(?:it\s+|them\s+|\S+\s+){0,2}?(?:in|at|on|outside|by)\s+"
        r"(?:the\s+)?(?:garage|drive|driveway|hall|hallway|lobby|porch|doorstep|front\s+door|street|kerb|curb|gate"
        r"|reception|foyer)\b",
        (_V, 3),
    ),
    cue(
        r"\bhanded\s+(?:it\s+|them\s+|my\s+\w+\s+|our\s+\w+\s+)?(?:to|over\s+to)\s+(?:some|a|another|the\s+wrong"
        r"|someone|somebody|a\s+random)\b",
        (_V, 3),
    ),
    cue(
        r"\bwhere\s+(?:is|'?s)\s+(?:my|our|the)\s+(?:order|parcel|package|delivery|stuff|shopping|furniture"
        r"|sofa)\b|\b(?:not|isn'?t|aren'?t)\s+here\s+yet\b|\bstill\s+(?:not|isn'?t|aren'?t)\s+here\b",
        (_V, 3),
    ),
    cue(
        r"\b(?:by|in\s+the)\s+(?:\w+\s+)?(?:post|mail)\b|\b(?:post\s+office|royal\s+mail|usps|hermes|evri|dpd"
        r"|dhl|fedex|ups|yodel)\b",
        (_V, 2),
    ),
    cue(
        r"\b(?:flung|slung|shoved|stuffed|wedged)\s+(?:\w+\s+){0,3}?(?:onto|on|into|in|behind|over|through|under)"
        r"\b",
        (_V, 2.5),
    ),
    cue(r"\b(?:re-?booked|re-?arranged|re-?scheduled)\s+(?:my|our|the)\s+deliver\w*", (_V, 3)),
    # Communication: answers that never came, said in other words
    cue(
        r"\b(?:crickets|zilch|nada|not\s+a\s+(?:peep|dicky\s+bird|sausage)|tumbleweed|silence)\b"
        r"|\bheard\s+(?:zilch|nada|zip|squat|nowt|nothing)\b",
        (_C, 3),
    ),
    cue(
        r"\br(?:ing|ings|ang|inging)\s+out\b|\brings\s+and\s+rings\b|\b(?:number|line|phone)\s+(?:just\s+)?"
        r"(?:rings|goes\s+dead|is\s+dead|cuts\s+off)\b",
        (_C, 3),
    ),
    cue(r"\b(?:ring|call|phone|get\s+back\s+to|email|text|write\s+to)\s+(?:me|us)\s+back\b", (_C, 2.5)),
    cue(
        r"\b(?:would|will|'d|'ll)\s+(?:\w+\s+)?(?:e-?mail|call|ring|phone|text|write\s+to|get\s+back\s+to|contact"
        r"|send)\s+(?:me|us)\b|\b(?:would|will|'d|'ll)\s+(?:respond|reply|answer|get\s+back|be\s+in\s+touch"
        r"|call\s+back|ring\s+back)\b|\b(?:phone|automated|voice|call|telephone)\s+(?:menu|system|options?)\b",
        (_C, 2.5),
    ),
    cue(
        r"\b(?:fob(?:bed)?|fobbing)\s+(?:me\s+|us\s+)?off\b|\b(?:nobody|no\s+one|no-one)\s+(?:has|had|seems\s+to"
        r"\s+have)\s+(?:a|any)\s+(?:clue|idea)\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:live\s+chat|web\s*chat|chat\s+(?:closes|ends|cuts|disconnects)|copy\s+and\s+paste|same\s+(?:reply"
        r"|email|answer|response)|acknowledg\w+|written\s+to|wrote\s+to)\b",
        (_C, 2.5),
    ),
    cue(
        r"\b(?:nobody|no\s+one|no-one|never|didn'?t|did\s+not)\s+(?:bother(?:ed)?\s+to\s+)?(?:explain(?:ed)?|warn(?:ed)?"
        r"|mention(?:ed)?)\b|\b(?:e-?mail|text|letter|message|reply|response|confirmation|callback|call\s+back)\s+"
        r"(?:\w+\s+)?(?:never|didn'?t|did\s+not|hasn'?t|has\s+not)\s+(?:came|come|arrived|arrive|turned\s+up)\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:nobody|no\s+one|no-one)\s+(?:ever\s+)?(?:let|tells?|told|warned|informed)\s+(?:my|our|him|her|them"
        r"|anyone)\b",
        (_C, 3),
    ),
    # Other: the premises, the website or app, what is done with the customer's details
    cue(
        r"\b(?:website|web\s*site|app|online\s+account|log\s*in|login|sign\s+in|password|checkout\s+page"
        r"|the\s+site|app\s+update|browser)\b",
        (_O, 3),
    ),
    cue(
        r"\b(?:car\s+park|parking\s+(?:space|spaces|bay|machine|barrier)|barrier|lifts?|elevators?|escalators?"
        r"|ramps?|step-?free|toilets?|changing\s+(?:rooms?|facilities)|baby\s+chang\w+|fire\s+alarm|air\s+con\w*"
        r"|facilities)\b",
        (_O, 2),
    ),
    cue(
        r"\bnowhere\s+to\s+(?:park|sit|change|wait|put)\b|\b(?:couldn'?t|could\s+not|can'?t|cannot)\s+(?:find\s+"
        r"(?:a\s+|anywhere\s+to\s+)?)?park(?:ing)?\b|\bno\s+(?:parking|lockers|seats|seating|signage|signs)\b",
        (_O, 3),
    ),
    cue(
        r"\b(?:rammed|overcrowded|heaving|too\s+(?:busy|crowded|full))\b|\b(?:was|were|is|are|been)\s+(?:\w+\s+)?"
        r"(?:closed|shut)\b|\bclosed\s+(?:the|our|your)\s+(?:\w+\s+)?(?:branch|shop|store|office|pool|gym)\b",
        (_O, 2),
    ),
    # Verb families, every form of each verb (``english_morphology``): the table order above lets a specific cue
    # take a position first; these catch the forms and verbs no specific cue names ("splitting", "gouges").
    cue(rf"\b(?:{_DAMAGE_VERBS})\b", (_D, 2)),
    cue(
        rf"\b(?:{_MANNER_VERBS})\s+(?:at|to|me|us|my|our|him|her|them|down\s+at|over|in\s+front)\b|\b(?:abusive"
        r"|insulting|threatening|condescending|demeaning|belittling|patroni[sz]ing|intimidating|humiliating|mocking"
        r"|bullying)\b",
        (_S, 3),
    ),
    cue(rf"\b(?:{_FAILURE_VERBS})\b", (_Q, 2)),
    # Basic words the tables lacked
    cue(rf"\bran\s+(?:{_DURATION}\s+)?over\b(?!\s+(?:my|our|the|his|her|a|an)\b)|\bover-?r(?:an|un|unning)\b", (_L, 3)),
    cue(
        r"\b(?:stodgy|claggy|clumped|clumpy|gloopy|slimy|soggy|mushy|tough|dry|bland|overcooked|undercooked)\b"
        r"|\b(?:gone|turned|going)\s+(?:black|mouldy|moldy|yellow|brown|green|rusty)\b|\bonly\s+(?:works?|working"
        r"|worked)\b|\bhalf\s+(?:works?|working)\b",
        (_Q, 2.5),
    ),
    cue(
        r"\bwithout\s+(?:my\s+|our\s+)?(?:asking|permission|knocking|consent)\b|\bwent\s+through\s+(?:my|our)\s+"
        r"(?:things|stuff|belongings|bags?|drawers|post)\b|\blet\s+(?:him|her|them)sel(?:f|ves)\s+in",
        (_S, 3),
    ),
    cue(r"\b(?:came|arrived|turned\s+up)\s+(?:\w+\s+)?but\s+not\s+(?:the|my|our|a|an)\b", (_M, 3)),
    cue(r"\bin\s+writing\b|\bwritten\s+(?:confirmation|response|reply|answer|report)\b", (_C, 3)),
    cue(
        r"\blocked\s+out\s+of\s+(?:my|the|our)\s+account\b|\baccount\s+(?:got\s+|was\s+|is\s+|has\s+been\s+)?"
        r"(?:locked|blocked|suspended|frozen)\b|\breset\s+(?:e-?mail|link|code)\b",
        (_O, 3),
    ),
    cue(
        r"\b(?:wasn'?t|weren'?t|was\s+not|were\s+not|hadn'?t\s+been|had\s+not\s+been|never\s+been|not\s+been)\s+"
        r"(?:\w+\s+)?(?:told|informed|warned|notified|updated|contacted|called|advised)\b",
        (_C, 3),
    ),
    cue(
        r"\b(?:didn'?t|did\s+not|don'?t|doesn'?t)\s+(?:seem\s+to\s+|even\s+)?know\s+(?:anything|what|how|the\s+first)"
        r"\b|\bno\s+idea\s+what\s+(?:they|he|she)\b",
        (_S, 2.5),
    ),
    cue(
        r"\bthere\s+(?:were|was)\s+only\s+(?:\d+|one|two|three|four|five|six)\b|\b(?:said|says|listed|advertised)\s+"
        r"(?:\d+|twelve|ten|six)\s+(?:pieces|items|parts|bottles|cans|packs|pairs)\b",
        (_M, 3),
    ),
    cue(
        r"\b(?:after|past|later\s+than|well\s+after)\s+(?:the\s+)?(?:time|slot|window)\s+(?:he|she|they|we|you"
        r"|it)\b|\bbefore\s+(?:anyone|anybody|someone|a\s+\w+)\s+(?:looked|saw|came|helped|seen|checked)\b"
        r"|\bfrom\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)\s+(?:to|till|until)\s+\d",
        (_L, 3),
    ),
    cue(
        r"\b(?:within|inside)\s+(?:a|one|two|\d+)\s+(?:days?|weeks?|months?)\b|\bmore\s+(?:gristle|fat|bone|ice"
        r"|bread|batter|water|foam)\s+than\b|\b(?:gunk|residue|limescale|condensation|gristle|gristly|fatty)\b",
        (_Q, 2),
    ),
)


FOCUS_RE = re.compile(
    r"\bwhat\s+(?:really\s+|actually\s+|truly\s+)?(?:got|gets|bothered|bothers|annoyed|annoys|upset|upsets|bugs|bugged"
    r"|irritated|irritates|angered|grinds|ground)\s+(?:me|us|my\s+gears)(?:\s+(?:the\s+)?most)?\b"
    r"|\b(?:the\s+)?worst\s+(?:part|thing|bit)\b|\bworst\s+of\s+all\b|\b(?:what'?s|what\s+is|what\s+was)\s+worse\b"
    r"|\beven\s+worse\b|\bwhat\s+(?:wasn'?t|was\s+not|isn'?t|is\s+not)\s+(?:fine|ok|okay|acceptable|alright|on)\b"
    r"|\bwhat\s+(?:i|we)\s+(?:can'?t|cannot|couldn'?t|won'?t)\s+(?:accept|forgive|stand|get\s+over)\b|\b(?:on\s+top\s+of\s+(?:that|all\s+that|it\s+all)|to\s+top\s+it\s+(?:all\s+)?off)\b"
    r"|\bthe\s+thing\s+(?:i|we)\s+(?:can'?t|cannot|couldn'?t)\s+(?:let\s+go(?:\s+of)?|get\s+over|stand|forgive"
    r"|accept)\b"
    r"|\b(?:the\s+)?(?:real|main|biggest)\s+(?:problem|issue|thing)\b|\b(?:most|above)\s+of\s+all\b|\babove\s+all\b",
    re.IGNORECASE,
)
"""Lead-ins after which the customer says what bothered them most (``CueScanner.focus``): "the delivery was a day
late, but what really got me was the driver swearing at my mum" is about the driver."""

NEGATION_RE = re.compile(
    r"(?:\b(?:not|never|without|didnt|wasnt|werent|isnt|dont|doesnt|hasnt|havent)|n['’]t)\s+"
    r"(?:(?!only\b|just\b)\w+\s+)?$"
)
NEGATION_WORDS = (
    "not",
    "never",
    "without",
    "didnt",
    "wasnt",
    "werent",
    "isnt",
    "dont",
    "doesnt",
    "hasnt",
    "havent",
    "n't",
    "n’t",
)
"""One of these is in every match of ``NEGATION_RE`` (``CueScanner.negation_words``)."""

# The tone's lexicons are pattern strings: ``scoring.scanning`` compiles each once, as a trie, when the first tone is
# read, so importing the conversation does not also compile them as flat alternations that nothing uses.
STRONG_WORDS = (
    r"\b(?:furious|fuming|livid|enraged|outraged|outrageous|angry|unacceptable|never\s+again|disgust(?:ing|ed)"
    r"|disgrace(?:ful)?|appall(?:ing|ed)|atrocious|horrendous|pathetic|scam(?:med)?|rip-?off|ripped\s+(?:me|us)\s+off"
    r"|(?:got|been|being|feel)\s+ripped\s+off"
    r"|incompeten(?:t|ce|cy)|worst(?!\s+(?:part|thing|bit))|charge-?back|dispute\s+the\s+(?:charge|payment)"
    r"|shocking|shameful|how\s+dare|sue|lawyer|(?:what|who|why|how|where)\s+the\s+(?:hell|heck|fuck)"
    # disbelief and contempt
    r"|(?:can'?t|cannot|could\s?n'?t)\s+believe|unbelievable|beyond\s+belief|absolute\s+joke|what\s+a\s+joke"
    r"|are\s+you\s+(?:kidding|joking|serious)|you\s+call\s+th(?:at|is)|who\s+trains|what\s+kind\s+of\s+(?:company"
    r"|business|service|place)|is\s+anyone\s+there|laughable|diabolical|a\s+joke|daylight\s+robbery|robbery|thie(?:f"
    r"|ves)"
    # sarcasm: praise that means the opposite
    r"|great\s+job|good\s+job|nice\s+one|bravo|thanks\s+for\s+nothing|thanks\s+a\s+lot|cheers\s+for\s+that"
    r"|so[- ]called|well\s+done(?=\s*[,.!]|\s+(?:guys|everyone|team|lads))"
    r"|love\s+(?:how|that)\s+(?:you|your)|(?:real|very|so|how)\s+classy|(?:brilliant|great|fantastic|excellent|amazing"
    r"|stellar|superb|wonderful|lovely|top)\s+(?:communication|service|customer\s+service|job|work|stuff|organi[sz]ation)"
    r"\s+(?:as\s+(?:always|usual|ever)|again|there|guys)"
    # a vow to take their custom elsewhere, however the business is named
    r"|never\s+(?:using|ordering\s+from|shopping\s+with|booking\s+with|coming\s+to)\s+(?:you(?:\s+lot|\s+guys"
    r"|\s+people)?|your\s+\w+|them|this\s+\w+)\s+again"
    # what they did to the customer that people are angry about
    r"|lied|liars?|lying\s+to|laughed\s+at|mocked|humiliat\w*|like\s+a\s+criminal|like\s+dirt|racis[mt]|sexis[mt]"
    r"|swore\s+at|accused|made\s+(?:him|her|me|us|them|my\s+\w+)\s+cry|in\s+tears|take\s+(?:my|our)\s+business"
    r"|data\s+breach|(?:can(?:'?t|not)\s+be|never\s+be)\s+replaced|irreplaceable|ruined|water\s+everywhere"
    r"|every\s+single\s+time|no\s+\w+,?\s+no\s+nothing|twice\s+now|drove\s+off|walked\s+off|hid\s+(?:it|them)"
    r"|covered\s+(?:it|them)\s+up|like\s+(?:i|we)\s+(?:was|were)\s+(?:a\s+|an\s+|some\s+|going\s+to\s+)"
    r"|(?:i|we)\s+(?:watched|saw)\s+(?:him|her|them|the\s+\w+)\s+do|(?:it|them|me|us)\s+anyway"
    r"|saying\s+(?:\w+\s+){0,4}but\s+(?:i|we)\s+(?:was|were)"
    # threats: to sue, complain above us, tell the world, take their custom elsewhere
    r"|(?:tak(?:e|ing)|taken)\s+(?:you|this|it|them|the\s+matter|you\s+lot)\s+to\s+(?:court|small\s+claims|the"
    r"\s+ombudsman|trading\s+standards|a\s+tribunal)|small\s+claims|ombudsman|trading\s+standards|solicitors?"
    r"|tribunal|regulator|see\s+(?:you|u)\s+(?:in|at)\s+(?:the\s+)?(?:small\s+claims\s+)?(?:court|tribunal)"
    r"|complain(?:t|ts|ing)?\s+(?:is\s+|are\s+)?(?:going|goes|gone|sent|went)\s+(?:in\s+)?(?:straight\s+)?to\s+(?:the\s+)?"
    r"(?:council|regulator|ombudsman|cqc|ico|fca|cma|ofcom|ofgem|ofwat|ftc|cfpb|bbb|accc|asic|better\s+business)"
    r"|legal\s+action|(?:1|one|zero|no)[- ]stars?|(?:bad|negative|terrible|honest)\s+reviews?|(?:leav(?:e|ing)"
    r"|writ(?:e|ing)|post(?:ing)?|giv(?:e|ing))\s+(?:you\s+)?(?:a\s+)?(?:\w+\s+)?review|trustpilot|tripadvisor"
    r"|watchdog|social\s+media|tell(?:ing)?\s+every(?:one|body)|(?:posting|sharing|putting)\s+(?:this|it)\s+"
    r"(?:everywhere|online)|going\s+(?:elsewhere|public|to\s+the\s+press)|take\s+my\s+custom|never\s+(?:coming"
    r"|going|using|shopping|ordering|booking|eating|staying|buying)\s+(?:back|here|there|with\s+you|from\s+you"
    r"|again)"
    # challenges thrown at the business
    r"|who\s+do\s+you\s+think\s+you\s+are|(?:are\s+(?:you|u)|(?:you|u)\s+are|you'?re|ur|u)\s+having\s+a\s+laugh"
    r"|taking\s+the\s+(?:piss|mick|mickey)|do\s+you\s+(?:even\s+)?(?:have|know)\s+(?:any\s+idea|what\s+you)"
    r"|sort\s+(?:it|this|yourselves|your\s+\w+(?:\s+\w+)?)\s+out|shame\s+on\s+you"
    r"|(?:got|had|have|has)\s+the\s+(?:cheek|nerve|audacity|gall)"
    # harm to a person or a pet, and hands laid on someone
    r"|bled|bleeding|blood(?!\s+(?:tests?|pressure|samples?|work|donations?|bank|sugar|type))|blister\w*|scald\w*"
    r"|scarred|injur\w*|food\s+poisoning|vomit\w*|threw\s+up"
    r"|throwing\s+up|shoved|manhandl\w*|assault\w*|(?:screamed|shouted|yelled|bellowed)\s+at"
    # remarks about who the customer is, and name-calling
    r"|about\s+(?:my|her|his|our)\s+(?:weight|age|accent|appearance|looks|race|religion|disability|skin)"
    r"|because\s+(?:i'?m|i\s+am|she'?s|he'?s|we'?re)\s+(?:a\s+woman|a\s+girl|foreign|black|disabled|old|gay"
    r"|deaf|blind)|called\s+(?:me|us|him|her|them|my\s+\w+)\s+(?:an?\s+(?!taxi|cab|ambulance)\w+|names)"
    # swindled, and verdicts made absolute
    r"|legged\s+it|did\s+a\s+runner|scarpered|(?:i|we)\s+look(?:ed)?\s+like\s+an?\s+|made\s+(?:me|us)\s+look\s+like"
    r"|pretend(?:ed|ing)|what'?s\s+wrong\s+with\s+(?:you|your|this|these)|without\s+(?:my|our)\s+(?:permission"
    r"|consent)|went\s+through\s+(?:my|our)\s+(?:things|stuff|belongings|bags?|drawers)"
    r"|sort\s+(?:it|this)\s+now|black\s+hole|what\s+are\s+you\s+(?:playing\s+at|doing)|nicked|pinched|stole|stolen"
    r"|robbed|told\s+(?:me|us)\s+to\s+(?:shop|go|take\s+my|get\s+out|leave)|sneer\w*|(?:tried|trying)\s+to\s+"
    r"(?:tell|claim|make\s+out|say)\s+(?:me\s+|us\s+)?(?:it|that|i|we)"
    r"|fleeced|swindled|conned|con\s+artists?|cowboys?|illegal|unlawful|against\s+the\s+law|report(?:ing)?\s+you"
    r"|piece\s+of\s+work|(?:bunch|load|pack|lot)\s+of\s+(?:gorillas|apes|monkeys|chimps|baboons|animals|donkeys|pigs"
    r"|cavemen|neanderthals|sheep)"
    r"|laughed\s+(?:in\s+(?:my|our|his|her)\s+face|it\s+off|about\s+it)|just\s+laughed|you\s+people"
    r"|(?:do|does|did|can|can'?t|will|won'?t)\s+(?:you|anyone|anybody)\s+(?:\w+\s+)?even\s+(?:read|listen|care|know"
    r"|bother|check|look)"
    r"|(?:absolute|utter|total|complete)\s+(?:garbage|rubbish|joke|shambles|farce|disgrace|nightmare|cowboys?"
    r"|amateurs?|muck|crap|waste|clowns?|con|scam))\b"
)
_COUNT = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many)"
FRUSTRATED_WORDS = (
    r"\b(?:disappoint(?:ed|ing)|frustrat(?:ed|ing)|annoy(?:ed|ing)|irritat(?:ed|ing)|upset|unhappy|fed\s+up"
    r"|sick\s+of|tired\s+of|waste\s+of\s+time|ridiculous|terrible|awful|useless|hopeless|not\s+happy|let\s+down"
    r"|stress(?:ed|ful)|inconvenien(?:t|ce)|yet\s+again|for\s+the\s+\w+\s+time"
    # how a grievance is said: "even", "still", "at all", "for nothing"
    r"|even|still|again|at\s+all|not\s+even|for\s+nothing|like\s+nothing\s+happened|what'?s\s+the\s+point"
    r"|no\s+\w+,\s+no\s+\w+|threw|thrown|chucked|like\s+an?\s+(?:idiot|fool|mug|muppet|lemon|numpty|sucker)"
    r"|how\s+hard|seriously|honestly|supposed\s+to|meant\s+to|had\s+to|nobody|no\s+one|never|in\s+a\s+row"
    r"|and\s+counting|anyway|shrugged|not\s+a\s+single|none\s+of|the\s+whole\s+(?:day|morning|afternoon|evening"
    r"|weekend|time|point)|specifically|drove\s+off|walked\s+off|just\s+left|walked\s+away|without\s+(?:any"
    r"|a\s+word|telling|asking|warning)|no\s+explanation|excuses?|blamed|pointless|starving|freezing|baby|elderly"
    r"|pregnant|disabled|wedding|funeral|birthday|holiday|wheelchair|right\s+by|nightmare|nearly"
    r"|my\s+(?:\d+\s+year\s+old|daughter|son|kids?|child(?:ren)?|toddler|little\s+one)"
    r"|fob(?:bed)?\s+(?:me\s+|us\s+)?off|(?:\d+|two|three|four|five|six|several)\s+different|again\s+and\s+again"
    r"|over\s+and\s+over|round\s+in\s+circles|every\s+time|yet\s+another|how\s+many\s+times"
    r"|grim|gutted|cheesed\s+off|hacked\s+off|brassed\s+off|narked|miffed|peeved|gobsmacked"
    # an aggravation stressed without an emotion word: it has happened already, or before, or cost the one thing
    r"|already|either|clearly|the\s+one\s+thing|each\s+time|keeps?\s+(?:saying|telling|asking|sending)|in\s+pain"
    r"|that\s+was\s+(?:last|on)\s+\w+|getting\s+nothing|(?:two|three|four|\d+)\s+\w+\s+now|brilliant|devastated)\b"
    # LABELS.md's markers of frustration, as word families: a stated overrun ("week 3", "it's now Wednesday", "for 3
    # days", "9 days ago", "since Monday")
    rf"|\b(?:week|day|month)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b|\b(?:it'?s|its|it\s+is)\s+now\b"
    rf"|\b(?:that\s+was|it\s+was|was)\s+(?:{_COUNT}|a)\s+(?:days?|weeks?|months?)\s+ago\b"
    rf"|\bfor\s+{_COUNT}\s+(?:days|weeks|months)\b|\b{_COUNT}\s+(?:days|weeks|months)\s+(?:later|on|now)\b"
    r"|\bsince\s+(?:\d|january|february|march|april|may|june|july|august|september|october|november|december|monday"
    r"|tuesday|wednesday|thursday|friday|saturday|sunday|last|the\s+\d)"
    # a count of attempts or visits, the same fault back
    r"|\b(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+(?:visit|time|call|attempt|engineer|repair|email"
    rf"|letter|complaint|delivery)\b|\btried\s+(?:\w+\s+){{0,3}}?(?:for\s+)?{_COUNT}\s+(?:times|days|weeks)"
    rf"|\b{_COUNT}\s+times\b|\bis\s+back\b|\bsame\s+(?:thing|problem|issue|fault)\b"
    # what the customer lost by it
    r"|\b(?:spent|wasted|lost)\s+(?:an?|\d+|the\s+whole|half\s+(?:a|an|the)|all)\s+(?:\w+\s+)?(?:hours?|day|days"
    r"|morning|afternoon|evening|minutes|weeks?|night)\b|\bmissed\s+(?:my|our|the|his|her)\b|\bcame\s+all\s+the\s+way\b"
    r"|\bstraight\s+in\s+the\s+bin\b|\bnot\s+what\s+(?:i|we)\s+paid\s+for\b|\bday\s+off\b"
    # a rhetorical question at us, scare quotes around what we did, a verdict
    r"|\bwhy\s+(?:do|does|did|is|are|was|were|would|should|can'?t|won'?t|didn'?t|doesn'?t|isn'?t|has|have)\b"
    r"|\blike\s+what\b|\bhow\s+is\s+(?:that|this)\b|(?<![\w'])'[a-z][a-z ]{1,20}'(?![\w'])|\"[a-z][a-z ]{1,20}\""
    r"|\b(?:very\s+poor|poor\s+service|bad\s+service|not\s+(?:good\s+enough|acceptable|fair|right|on)|unfair"
    r"|not\s+impressed)\b"
    # hyperbole, and a manner that tells the customer they are a nuisance
    r"|\b(?:ages|forever|zilch|nada|crickets|knackered|a\s+nightmare|all\s+over\s+the\s+place|half\s+dead|stone\s+cold"
    r"|filthy|stank|stinks?)\b|\b(?:rolled\s+(?:his|her|their)\s+eyes|huffed|sighed|snotty|stroppy|patroni[sz]ing"
    r"|like\s+(?:i|we)\s+(?:was|were)\s+(?:five|stupid|a\s+child|an?\s+idiot)|couldn'?t\s+(?:have\s+been|care)\s+less"
    r"|waved\s+(?:me|us)\s+away)\b"
)
INSULTS = (
    r"(?<!like\sa\s)(?<!like\san\s)\b(?:"
    + "|".join(sorted(TONE_INSULTS, key=len, reverse=True))
    + r")\b|(?<![\w*])[a-z]+\*+[a-z]*"
)
"""An insult or a swear word anywhere (a masked one too: "f***ing") makes the tone angry."""


# ---------------------------------------------------------------------------
# The apology's second sentence: several per category, chosen by cues in the customer's words
# ---------------------------------------------------------------------------

_FAMILY = (
    r"mother|mum|mom|mummy|father|dad|daddy|wife|husband|partner|kids?|children|child|sons?|daughters?|baby"
    r"|grand(?:mother|father|ma|pa|mum|dad|son|daughter|children|kids)|gran|nan|elderly|family|sister|brother"
    r"|parents?|fianc[ée]e?"
)
_FOOD = (
    r"food|meals?|dish(?:es)?|dinner|lunch|breakfast|starters?|mains?|dessert|pizzas?|burgers?|chips|fries|steak"
    r"|chicken|fish|salad|soup|sandwich(?:es)?|coffee|tea|drinks?|bread|pasta|curry|rice|sushi|taste[ds]?"
    r"|tasteless|undercooked|overcooked|raw|burnt|stale|soggy|cold|inedible|restaurant|waiter|menu|ate|eat"
)

THINGS_AND_PEOPLE_RE = re.compile(
    rf"(?:{_GOODS}|{_PARCEL_WORDS}|{_SERVICE_PEOPLE}|{_PEOPLE}|{_FOOD}|{_ROOMS}|rooms?|hotel|flight|train|bus|taxi|car"
    r"|van|driver|courier|staff|service|app|website|bill|invoice|refund|price|quote|wifi|phone|engineer|shop|store)"
)
"""Things and people complaints name: capitalised as an answer's first word ("Parcel was left …", "Sofa delivered
…"), they are no names, and the restatement puts them in lower case."""

DEFAULT_DAMAGE = "You trusted us with your property, and we should have treated it with the care it deserved."

OWNING_SENTENCES: dict[Category, tuple[tuple[str, str], ...]] = {
    Category.LATENESS: (
        (
            r"\bno[- ]?shows?\b|\b(?:didn'?t|did\s+not|never|nobody|no\s+one|no-one)\s+(?:\w+\s+)?(?:show(?:ed)?"
            r"|turn(?:ed)?)"
            r"\s+up\b|\bstood\s+(?:me|us)\s+up\b|\bnever\s+(?:came|arrived|showed|turned)\b",
            "You set aside your time for us, and we should have been there as promised.",
        ),
    ),
    Category.BILLING: (
        (
            r"\b(?:cancell?ed|cancell?ing|cancell?ation)\b.*\b(?:charg\w*|billed|taking|took|debit\w*|renew\w*)"
            r"|\b(?:charg\w*|billed|taking|took|debit\w*|renew\w*)\b.*\b(?:after\s+(?:i|we)|already|had|have|has)\s+"
            r"(?:been\s+)?cancell?ed\b",
            "Once you had cancelled, the charges should have stopped.",
        ),
        (
            r"\b(?:refund\w*|money\s+back|reimburs\w*|owe[sd]?\s+(?:me|us)|you\s+owe|credit\s+(?:note|back)|deposit|bond"
            r"|(?:returned|paid\s+back|given\s+back))\b",
            "Your money should have been back with you long before now.",
        ),
        (
            r"\b(?:twice|double[- ]?(?:charg|bill)\w*|two\s+times|charged\s+(?:me\s+|us\s+)?again|same\s+(?:charge"
            r"|payment)"
            r"|two\s+payments|duplicate|already\s+paid|paid\s+(?:cash|in\s+full)|reminder\s+letters?|for\s+the\s+same)\b",
            "You should only have been charged once.",
        ),
        (
            r"\bnever\s+(?:signed\s+up|agreed|ordered|had|asked|authori[sz]ed|used|received)\b|\bwithout\s+(?:my|our)\s+"
            r"(?:permission|consent|agreement)\b|\bdidn'?t\s+(?:order|agree|sign\s+up|ask)\b",
            "You should only ever be charged for what you agreed to.",
        ),
        (
            r"\b(?:hidden|extra|admin|surcharges?|additional|unexpected|nobody\s+mentioned|never\s+mentioned"
            r"|not\s+mentioned"
            r"|small\s+print|added\s+on)\b",
            "Every charge should have been clear to you from the start.",
        ),
    ),
    Category.QUALITY: (
        (rf"\b(?:{_FOOD})\b", "You came to us for a good meal, and we did not give you one."),
        (
            r"\b(?:still|again|same\s+(?:problem|fault|issue)|(?:second|third|fourth|\d+(?:st|nd|rd|th))\s+time"
            r"|\d+\s+visits|came\s+back|keeps?\s+(?:breaking|leaking|failing))\b",
            "You should not have had to come back to us with the same problem.",
        ),
        (
            r"\b(?:dirty|dirtier|filthy|clean\w*|smell\w*|stank|stink\w*|stains?|mou?ld\w*|damp|hair|dust\w*"
            r"|hotel|room|bathroom|toilets?|sheets)\b",
            "You should have found everything clean and in good order.",
        ),
        (
            r"\b(?:bought|purchased|product|defective|faulty|stopped\s+working|doesn'?t\s+work|broke\s+after"
            r"|(?:machine|printer|phone|laptop|kettle|charger|appliance)s?)\b",
            "What you bought from us should have worked properly from day one.",
        ),
    ),
    Category.DAMAGE: (
        (r"\b(?:suitcases?|luggage|baggage|cases?|buggy|pushchair|pram)\b", DEFAULT_DAMAGE),
        (
            r"\b(?:arrived|came\s+(?:in|with|broken|damaged|smashed|cracked|dented|scratched|shattered)|delivered|delivery|box"
            r"|parcel|package|packaging|unboxed|opened|courier|in\s+the\s+post)\b",
            "Your order should have reached you in perfect condition.",
        ),
        (
            r"\b(?:cars?|vans?|bikes?|vehicles?|motorbikes?|scooters?|lorry|truck|bumper|bonnet|alloys?|tyres?|wing"
            r"\s+mirror|driver'?s\s+(?:side|door)|passenger\s+(?:side|door))\b",
            DEFAULT_DAMAGE,
        ),
        (
            r"\b(?:floors?|walls?|carpets?|doors?|door\s+frame|house|home|kitchen|garden|fence|gate|driveway|ceiling"
            r"|stairs|flat|rug|sofa|table|furniture|bathroom|tiles?|windows?|paintwork|hallway|oven)\b",
            "You let us into your home, and we should have treated it with the care it deserved.",
        ),
    ),
    Category.STAFF: (
        (
            r"\b(?:lied|lie|lies|lying|liars?|misled|mislead\w*|dishonest|made\s+up|not\s+true)\b",
            "You deserved honest answers from us, and you did not get them.",
        ),
        (
            rf"\b(?:my|our)\s+(?:\w+\s+)?(?:{_FAMILY})\b|\b(?:elderly|disabled)\b",
            "You and your family deserved to be treated with courtesy and respect, and we fell short of that.",
        ),
    ),
    Category.MISSING_ITEM: (
        (
            r"\b(?:wrong|instead\s+of|incorrect|different|someone\s+else'?s|substitut\w*|not\s+what\s+(?:i"
            r"|we)\s+ordered)\b",
            "You should have received exactly what you ordered.",
        ),
    ),
    Category.DELIVERY: (
        (
            r"\b(?:threw|thrown|throwing|chucked|dumped|left\s+(?:it\s+|my\s+\w+\s+|the\s+\w+\s+|our\s+\w+\s+)?(?:outside"
            r"|in\s+the\s+rain|on\s+the|at\s+the|with|by|in)|neighbou?r|doorstep|porch|over\s+the\s+(?:fence|gate|wall)"
            r"|wrong\s+address|bin|wouldn'?t\s+bring|pavement|rain)\b",
            "Your order should have been handed to you with care.",
        ),
        (
            r"\b(?:lost|never\s+(?:arrived|came|got|received|turned\s+up)|(?:hasn'?t|has\s+not|haven'?t|have\s+not"
            r"|didn'?t|did\s+not|still\s+not)\s+(?:yet\s+)?(?:arrived|come|turned\s+up|been\s+delivered|received|got)"
            r"|not\s+(?:arrived|received)|where\s+(?:is\s+)?my|missing\s+parcel)\b",
            "Your order should have reached you, and it did not.",
        ),
    ),
    Category.COMMUNICATION: (
        (
            r"\b(?:tell|told|telling|warn\w*|inform\w*|notif\w*|let\s+(?:me|us|you)\s+know|to\s+say|heads[- ]up"
            r"|found\s+out|find\s+out|notice|without\s+(?:a\s+)?word)\b",
            "You should have heard it from us, in good time.",
        ),
        (
            r"\b(?:e-?mails?|e-?mailed|messages?|messaged|texts?|texted|chat|letters?|wrote|written|replies|reply"
            r"|replied|response|responded|voicemails?)\b",
            "Every message you sent us deserved a reply.",
        ),
        (
            r"\b(?:hold|phone|phoned|call(?:s|ed|ing)?|call\s+cent(?:re|er)|line|hung\s+up|ring|rang|picks?\s+up"
            r"|answer(?:s|ed)?\s+the\s+phone|switchboard|helpline|hotline)\b",
            "Reaching us should have been easy, and it was not.",
        ),
    ),
    Category.OTHER: (
        (
            r"\b(?:(?:account|personal|bank|card|medical|contact)\s+(?:details|information|data)|privacy|data\s+(?:breach"
            r"|leak|protection)|gdpr)\b",
            "Your details should have been kept private, and we did not protect them.",
        ),
        (
            r"\b(?:marketing|spam|unsubscrib\w*|newsletters?|junk\s+(?:mail|e-?mails?)|cold\s+calls?|opted\s+out)\b",
            "You should hear from us only when you have asked to.",
        ),
        (
            r"\b(?:website|web\s*site|site|app|online|log(?:ging)?\s+(?:me\s+|us\s+)?(?:in|out)|login|password|checkout"
            r"|account|form|browser)\b",
            "Dealing with us online should have been simple, and it was not.",
        ),
    ),
}
"""The first sentence of a category whose pattern their words match (lower-cased) is ours; else the default."""

DEFAULT_OWNING_SENTENCE: dict[Category, str] = {
    Category.LATENESS: "Your time matters, and you should not have been kept waiting.",
    Category.BILLING: "You should have been able to trust the price we gave you.",
    Category.QUALITY: "You trusted us to do the job properly the first time, and we did not.",
    Category.DAMAGE: DEFAULT_DAMAGE,
    Category.STAFF: "You deserved to be treated with courtesy and respect, and we fell short of that.",
    Category.MISSING_ITEM: "You should have received everything you ordered, exactly as you ordered it.",
    Category.DELIVERY: "You were counting on us to get your order to you, and we let you down.",
    Category.COMMUNICATION: "You should not have had to chase us for answers; keeping you informed was our job.",
    Category.OTHER: "This is not the experience you should have had with us, and we take responsibility for it.",
}

_COMPILED_OWNING = {
    category: tuple((re.compile(pattern), sentence) for pattern, sentence in choices)
    for category, choices in OWNING_SENTENCES.items()
}
"""Compiled at import, not on a category's first apology: compiled lazily, they cost that story up to ~1 ms."""


def owning_sentence(category: Category, text: str) -> str:
    """Our sentence that owns what happened: it fits the category and, where a cue says more, what they said
    (a refund that never came is not "trust the price we gave you")."""
    lowered = text.lower().replace("’", "'")
    for pattern, sentence in _COMPILED_OWNING.get(category, ()):
        if pattern.search(lowered):
            return sentence
    return DEFAULT_OWNING_SENTENCE[category]


ALL_CUES: tuple[Cue, ...] = PRIORITY_CUES + CUES + EVERYDAY_CUES + WIDER_CUES
"""Every English cue, in the order the scanner tries them at one position."""
