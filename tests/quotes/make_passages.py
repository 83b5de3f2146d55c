"""Writes passages.jsonl, the project's own labelled quote set, from the list below.

Every passage was written for this project: invented people, places and events. Run
``python tests/quotes/make_passages.py`` after editing; the JSONL is what the tests and
``bench/quotes.py`` read. Case format: the one ``quote_eval.py`` reads.
"""

from __future__ import annotations

import json
from pathlib import Path


def q(text: str, speaker: str | None, person: str | None = None) -> dict:
    """A gold quote: ``speaker`` as the text attributes it (a pronoun as written), ``person``
    who that is when it differs (the person a pronoun refers to)."""
    return {"text": text, "speaker": speaker, **({"person": person} if person else {})}


P: list[dict] = []


def add(id: str, lang: str, title: str, text: str, quotes: list[dict], optional: list[str] = (),
        fmt: str | None = None) -> None:
    case = {"id": id, "lang": lang, "title": title, "text": text, "quotes": quotes,
            "optional": list(optional)}
    if fmt:
        case["format"] = fmt
    P.append(case)


# ---------------------------------------------------------------- German
add("de-basic-sagte", "de", "Werk in Talheim schließt",
    "Die Firma Brandauer schließt ihr Werk in Talheim. „Wir haben alle Möglichkeiten geprüft und keine "
    "andere Lösung gefunden“, sagte Vorstandschefin Maria Lehmann am Dienstag in Stuttgart. Betroffen "
    "sind 240 Beschäftigte.",
    [q("Wir haben alle Möglichkeiten geprüft und keine andere Lösung gefunden", "Maria Lehmann")])
add("de-colon", "de", "Streit um den Radweg",
    "Der Gemeinderat von Unterweiler hat den Bau des Radwegs vertagt. Bürgermeister Jonas Kettler sagte: "
    "„Ohne die Zusage des Landes können wir das nicht bezahlen.“ Die Opposition kritisierte die Entscheidung.",
    [q("Ohne die Zusage des Landes können wir das nicht bezahlen.", "Jonas Kettler")])
add("de-interrupted", "de", "Neue Brücke",
    "Die neue Brücke über die Lauter soll im Herbst fertig sein. „Wir liegen gut im Plan“, sagt "
    "Bauleiterin Sabine Okonkwo, „aber der Winter darf nicht zu früh kommen.“ Danach folgt der Belag.",
    [q("Wir liegen gut im Plan", "Sabine Okonkwo"), q("aber der Winter darf nicht zu früh kommen.", "Sabine Okonkwo")])
add("de-nested", "de", "Schulprojekt",
    "Die Schülerinnen haben ein eigenes Theaterstück geschrieben. „Als die Lehrerin ‚Vorhang auf‘ rief, "
    "waren wir alle furchtbar aufgeregt“, erzählte die Schülerin Lena Brückner nach der Premiere.",
    [q("Als die Lehrerin ‚Vorhang auf‘ rief, waren wir alle furchtbar aufgeregt", "Lena Brückner")])
add("de-guillemets", "de", "Bahnhof wird saniert",
    "Der Bahnhof von Kressbach wird ab Mai saniert. »Die Reisenden müssen mit ›erheblichen Einschränkungen‹ "
    "rechnen«, erklärte der Projektleiter Tobias Wendt. Die Arbeiten dauern zwei Jahre.",
    [q("Die Reisenden müssen mit ›erheblichen Einschränkungen‹ rechnen", "Tobias Wendt")])
add("de-swiss", "de", "Neue Seilbahn",
    "Die Gemeinde Arvenboden baut eine neue Seilbahn. «Damit sichern wir den Wintertourismus für die "
    "nächsten dreißig Jahre», sagte Gemeindepräsident Urs Fankhauser an der Versammlung.",
    [q("Damit sichern wir den Wintertourismus für die nächsten dreißig Jahre", "Urs Fankhauser")])
add("de-title-magazine", "de", "Interview im Magazin",
    "Im Gespräch mit dem Magazin „Stern“ äußerte sich die Sängerin Clara Vosskuhl zu ihrer Pause. "
    "„Ich brauchte einfach Zeit für mich und meine Familie“, sagte Vosskuhl. Ihr neues Album heißt "
    "„Nachtfalter“.",
    [q("Ich brauchte einfach Zeit für mich und meine Familie", "Clara Vosskuhl")])
add("de-title-book", "de", "Neues Buch",
    "Der Historiker Paul Edelmann hat ein Buch mit dem Titel „Die vergessenen Häfen der Nordsee und ihre "
    "Geschichte“ veröffentlicht. Es erscheint im Herbst bei einem kleinen Verlag in Bremen.",
    [])
add("de-term", "de", "Wort des Jahres",
    "In vielen Unternehmen ist „Resilienz“ inzwischen ein Modewort. Beraterinnen sprechen von "
    "„Achtsamkeit“ und „Agilität“, Beschäftigte oft nur von Stress.",
    [])
add("de-scare", "de", "Sparpaket",
    "Die Landesregierung nennt ihr Sparpaket eine „Modernisierung“. Kritiker halten die sogenannte "
    "„Reform“ für einen Kahlschlag bei den Bibliotheken.",
    [])
add("de-compound", "de", "Debatte um Arbeitszeit",
    "Die „Work-Life-Balance“-Debatte hat auch die Handwerksbetriebe erreicht. Viele Meister halten die "
    "„Vier-Tage-Woche“-Modelle für unbezahlbar.",
    [])
add("de-partial", "de", "Kritik am Haushalt",
    "Die Oppositionsführerin Greta Sommerfeld nannte den Haushalt „unseriös“ und warf der Regierung vor, "
    "die Kommunen „im Regen stehen“ zu lassen. Eine Abstimmung ist für Freitag geplant.",
    [])
add("de-apostrophe-inch", "de", "Fernseher im Test",
    "Wie geht’s weiter mit dem Elektromarkt? Der Händler verkauft Fernseher mit 65\" Diagonale jetzt "
    "günstiger. „Die Nachfrage ist zuletzt deutlich gestiegen“, sagte Filialleiter Kai Reuter. "
    "Rudis’ Laden nebenan hat geschlossen.",
    [q("Die Nachfrage ist zuletzt deutlich gestiegen", "Kai Reuter")])
add("de-unbalanced", "de", "Unvollständiges Zitat",
    "Der Verein meldete einen Rekord beim „Herbstlauf. Mehr als 900 Menschen liefen mit. „Es war ein "
    "großartiger Tag für die ganze Stadt“, sagte die Vorsitzende Ida Marquardt.",
    [q("Es war ein großartiger Tag für die ganze Stadt", "Ida Marquardt")])
add("de-lastname", "de", "Klinik erweitert",
    "Die Kreisklinik Hohenau bekommt eine neue Kinderstation. Chefärztin Dr. Miriam Achterberg freut sich "
    "über die Entscheidung. „Endlich müssen wir keine Familien mehr wegschicken“, sagte Achterberg. Die "
    "Station soll 2027 öffnen. „Wir suchen noch dringend Pflegekräfte“, betonte Achterberg.",
    [q("Endlich müssen wir keine Familien mehr wegschicken", "Miriam Achterberg"),
     q("Wir suchen noch dringend Pflegekräfte", "Miriam Achterberg")])
add("de-so", "de", "Wasserpreise steigen",
    "Die Stadtwerke erhöhen den Wasserpreis um acht Prozent. „Die Leitungen sind über sechzig Jahre alt "
    "und müssen ersetzt werden“, so Geschäftsführer Henrik Albers. Der Mieterbund protestiert.",
    [q("Die Leitungen sind über sechzig Jahre alt und müssen ersetzt werden", "Henrik Albers")])
add("de-warnte", "de", "Hitzewarnung",
    "Der Wetterdienst erwartet bis zu 38 Grad. „Ältere Menschen sollten in der Mittagszeit unbedingt zu "
    "Hause bleiben“, warnte die Meteorologin Nora Pfeiffer. „Trinken Sie ausreichend Wasser“, forderte "
    "der Amtsarzt Bernd Uhlig.",
    [q("Ältere Menschen sollten in der Mittagszeit unbedingt zu Hause bleiben", "Nora Pfeiffer"),
     q("Trinken Sie ausreichend Wasser", "Bernd Uhlig")])
add("de-entgegnete", "de", "Debatte im Landtag",
    "Im Landtag ging es hoch her. „Sie haben das Geld schlicht verschwendet“, rief der Abgeordnete "
    "Florian Maier. „Das ist eine glatte Unterstellung“, entgegnete Finanzministerin Katrin Hollweg.",
    [q("Sie haben das Geld schlicht verschwendet", "Florian Maier"),
     q("Das ist eine glatte Unterstellung", "Katrin Hollweg")])
add("de-pronoun", "de", "Neue Trainerin",
    "Der Handballverein Grünstadt hat eine neue Trainerin: Vera Lindqvist übernimmt ab sofort. „Ich "
    "freue mich riesig auf diese Mannschaft“, sagte sie bei ihrer Vorstellung.",
    [q("Ich freue mich riesig auf diese Mannschaft", "sie", "Vera Lindqvist")])
add("de-unknown", "de", "Anonymer Brief",
    "Im Rathaus ist ein anonymer Brief eingegangen. „Die Ausschreibung war von Anfang an abgesprochen“, "
    "heißt es darin. Die Staatsanwaltschaft prüft den Vorgang.",
    [q("Die Ausschreibung war von Anfang an abgesprochen", None)])
add("de-multipara", "de", "Abschiedsrede",
    "Zum Abschied hielt der langjährige Schulleiter Georg Haberland eine kurze Rede:\n\n"
    "„Vierzig Jahre habe ich an dieser Schule verbracht, zuerst als Lehrer, dann als Leiter.\n\n"
    "„Ich danke allen Kolleginnen und Kollegen für ihre Geduld mit mir.“\n\n"
    "Danach gab es lange Beifall.",
    [q("Vierzig Jahre habe ich an dieser Schule verbracht, zuerst als Lehrer, dann als Leiter.", "Georg Haberland"),
     q("Ich danke allen Kolleginnen und Kollegen für ihre Geduld mit mir.", "Georg Haberland")])
add("de-ascii", "de", "Pressekonferenz",
    "Der Polizeisprecher Stefan Ruckert bestätigte den Einsatz. \"Es wurde niemand verletzt\", sagte Ruckert. "
    "Der Einsatz dauerte zwei Stunden.",
    [q("Es wurde niemand verletzt", "Stefan Ruckert")])
add("de-description-only", "de", "Lieferengpass",
    "Bei Medikamenten für Kinder gibt es weiter Engpässe. „Wir bekommen seit Wochen keinen Fiebersaft "
    "mehr“, sagte eine Apothekerin aus Kiel. Das Ministerium will nun reagieren.",
    [q("Wir bekommen seit Wochen keinen Fiebersaft mehr", "Apothekerin aus Kiel")])
add("de-two-speakers", "de", "Tarifstreit",
    "Im Tarifstreit gibt es keine Einigung. „Das Angebot ist eine Provokation“, sagte Gewerkschafterin "
    "Lisa Hartung. Arbeitgeberpräsident Olaf Brenner hielt dagegen: „Mehr ist in dieser Lage nicht drin.“",
    [q("Das Angebot ist eine Provokation", "Lisa Hartung"), q("Mehr ist in dieser Lage nicht drin.", "Olaf Brenner")])
add("de-continued", "de", "Fischer in Sorge",
    "Der Fischer Hannes Wittkamp blickt mit Sorge auf die Ostsee. „Die Dorsche sind fast verschwunden.“ "
    "Er fährt trotzdem jeden Morgen hinaus. „Aufhören kann ich nicht, das ist mein Leben.“",
    [q("Die Dorsche sind fast verschwunden.", "Hannes Wittkamp"),
     q("Aufhören kann ich nicht, das ist mein Leben.", "Hannes Wittkamp")])
add("de-publication-speaker", "de", "Zeitung berichtet",
    "Laut der „Rheinischen Abendpost“ plant die Stadt eine Seilbahn. „Die Pläne sind noch nicht "
    "spruchreif“, sagte ein Sprecher der Stadt. Im Frühjahr soll ein Gutachten vorliegen.",
    [q("Die Pläne sind noch nicht spruchreif", "Sprecher der Stadt")])
add("de-headline-teaser", "de", "Interview mit einer Winzerin",
    "Winzerin Johanna Keller über den Klimawandel\n"
    "\"Der Riesling wird bei uns bald knapp\"\n\n"
    "Johanna Keller bewirtschaftet zwölf Hektar an der Mosel. Sie sieht die Folgen des Klimawandels jeden Tag.\n\n"
    "„Die Lese beginnt heute drei Wochen früher als bei meinem Vater“, sagt Keller.\n\n"
    "weinland.example",
    [q("Der Riesling wird bei uns bald knapp", "Johanna Keller"),
     q("Die Lese beginnt heute drei Wochen früher als bei meinem Vater", "Johanna Keller")], fmt="txt")
add("de-issue2-article", "de", "Anna Beispiel im Porträt",
    "Eine Ärztin zwischen zwei Welten\n"
    "\"Ich wollte nie etwas anderes machen\"\n\n"
    "Anna Beispiel arbeitet seit zwanzig Jahren als Landärztin im Odenwald. Im Sommer fährt sie zusätzlich "
    "für eine Hilfsorganisation nach Westafrika.\n\n"
    "Der Alltag in der Praxis\n\n"
    "Ihre Praxis liegt in einem alten Bauernhaus. „Manche Patienten kenne ich schon seit ihrer Geburt“, "
    "sagte Beispiel. Die Wartezeiten sind trotzdem lang.\n\n"
    "Zitate von Anna Beispiel:\n"
    "  1. Über die Arbeit: \"Wir haben jeden Tag mehr Patienten als Stunden.\"\n"
    "  2. Über die Familie: \"Ohne meinen Mann ginge das alles nicht.\"\n"
    "  3. Über Afrika: \"Dort lerne ich jedes Jahr, wie wenig man braucht.\"\n"
    "  4. Über die Politik: \"Die Landarztquote kommt zehn Jahre zu spät.\"\n"
    "  5. Über den Ruhestand: \"Daran denke ich noch lange nicht.\"\n\n"
    "beispiel.example",
    [q("Ich wollte nie etwas anderes machen", "Anna Beispiel"),
     q("Manche Patienten kenne ich schon seit ihrer Geburt", "Anna Beispiel"),
     q("Wir haben jeden Tag mehr Patienten als Stunden.", "Anna Beispiel"),
     q("Ohne meinen Mann ginge das alles nicht.", "Anna Beispiel"),
     q("Dort lerne ich jedes Jahr, wie wenig man braucht.", "Anna Beispiel"),
     q("Die Landarztquote kommt zehn Jahre zu spät.", "Anna Beispiel"),
     q("Daran denke ich noch lange nicht.", "Anna Beispiel")], fmt="txt")
add("de-erklaerte-colon-verbfirst", "de", "Hochwasser",
    "Das Hochwasser an der Elster geht langsam zurück. Dazu erklärte Landrat Martin Oberle: „Die "
    "Deiche haben gehalten, aber wir bleiben wachsam.“ Am Wochenende wird neuer Regen erwartet.",
    [q("Die Deiche haben gehalten, aber wir bleiben wachsam.", "Martin Oberle")])
add("de-title-film-list", "de", "Filmfest",
    "Beim Filmfest in Lauterbach laufen in diesem Jahr „Der Sommer, in dem alles anders war“, "
    "„Zwischen den Gleisen“ und „Morgen ist ein anderer Fluss“. Die Jury wird von Ruth Gerlach geleitet.",
    [])
add("de-long-partial", "de", "Gutachten",
    "Die Gutachterin Elke Brandstätter kam zu dem Ergebnis, dass die Brücke „noch mindestens zehn Jahre "
    "ohne größere Reparaturen sicher befahren werden kann“. Der Stadtrat will trotzdem neu planen.",
    [q("noch mindestens zehn Jahre ohne größere Reparaturen sicher befahren werden kann", "Elke Brandstätter")])

add("de-source-document", "de", "Wasserpreise steigen",
    "Die Wasserpreise in Kellbach steigen zum Jahreswechsel um acht Prozent. „Die Kosten für Energie und "
    "Leitungsbau lassen uns keine Wahl“, heißt es in einer Mitteilung der Stadtwerke Kellbach. Der "
    "Mieterbund kündigte Widerstand an. In dem Schreiben des Mieterbunds heißt es wörtlich: „Wer jetzt "
    "erhöht, trifft die Falschen.“",
    [q("Die Kosten für Energie und Leitungsbau lassen uns keine Wahl", "Stadtwerke Kellbach"),
     q("Wer jetzt erhöht, trifft die Falschen.", "Mieterbunds")])
add("de-source-fazit", "de", "Stadtfest mit Rekord",
    "Mehr als 40.000 Menschen kamen am Wochenende zum Stadtfest nach Ortenbühl. „Das war das friedlichste "
    "Fest seit Jahren“, so das Fazit der Veranstalter. „Zwei Taschendiebstähle, sonst nichts“, hieß es "
    "am Sonntag von der Polizei.",
    [q("Das war das friedlichste Fest seit Jahren", "Veranstalter"),
     q("Zwei Taschendiebstähle, sonst nichts", "Polizei")])
add("de-subject-before-colon", "de", "Streit um die Schulmensa",
    "Der Elternbeirat der Grundschule Tannried lehnt den neuen Caterer ab, die Vorsitzende des Beirats, "
    "Edith Marschner, erklärte am Abend: „Das Essen kommt lauwarm an und schmeckt nach nichts.“ "
    "Schulleiter Arne Voss, der den Vertrag unterschrieben hat, sagte dagegen: „Wir geben dem Anbieter "
    "noch drei Monate.“ Kallweit meinte: „Dann ist das Schuljahr fast vorbei.“ Gemeint war der "
    "Elternvertreter Gregor Kallweit.",
    [q("Das Essen kommt lauwarm an und schmeckt nach nichts.", "Edith Marschner"),
     q("Wir geben dem Anbieter noch drei Monate.", "Arne Voss"),
     q("Dann ist das Schuljahr fast vorbei.", "Kallweit")])
add("de-so-bare-name", "de", "Neue Buslinie",
    "Ab März fährt ein Bus stündlich von Wendelsheim nach Hofstetten. „Damit ist endlich auch das obere "
    "Dorf angebunden“, so Pfannenstiel. Der Ortsvorsteher hatte sich jahrelang dafür eingesetzt.",
    [q("Damit ist endlich auch das obere Dorf angebunden", "Pfannenstiel")])

add("de-any-verb-after", "de", "Chorfest in Lindach",
    "Der Männerchor Lindach feierte sein hundertstes Jubiläum. „Wir singen, solange uns jemand zuhört“, "
    "strich Chorleiter Ferdinand Moosbrugger in seiner Rede heraus. „Und das wird noch lange so sein.“ "
    "Die Kasse des Vereins ist allerdings leer. „Ohne Spenden wird das nächste Fest kleiner“, ließ ein "
    "Sprecher des Vereins verlauten. „Er hat dem Chor vierzig Jahre lang seine Stimme geliehen“, schrieb "
    "„Der Lindacher Bote“ über den ältesten Sänger, der im Frühjahr gestorben war. Der Chor hat einen "
    "Spitznamen, „die Lerchen“, weil er früh am Morgen probt.",
    [q("Wir singen, solange uns jemand zuhört", "Ferdinand Moosbrugger"),
     q("Und das wird noch lange so sein.", "Ferdinand Moosbrugger"),
     q("Ohne Spenden wird das nächste Fest kleiner", "Sprecher des Vereins"),
     q("Er hat dem Chor vierzig Jahre lang seine Stimme geliehen", "Der Lindacher Bote")])

add("de-colon-in-sentence", "de", "Einbruch in der Messerschmiede",
    "In die Messerschmiede von Hollweiler ist zum dritten Mal eingebrochen worden. Gegenüber der "
    "Nachrichtenagentur „Nordpress“ sagte Anselm Trautwein, der Inhaber des Unternehmens: „Als ich "
    "ankam, war die Halle schon leer. Zwei Monate Arbeit sind weg.“ Auch der Gemeinderat reagierte "
    "verärgert: So sagte Odile Fankhauser, Ortsvorsteherin: „Wir brauchen endlich eine bessere "
    "Beleuchtung im Gewerbegebiet.“",
    [q("Als ich ankam, war die Halle schon leer. Zwei Monate Arbeit sind weg.", "Anselm Trautwein"),
     q("Wir brauchen endlich eine bessere Beleuchtung im Gewerbegebiet.", "Odile Fankhauser")])

add("de-nominalised-subject", "de", "Der Bergverein verliert Mitglieder",
    "Der Bergverein Hohenkamm hat im vergangenen Jahr ein Drittel seiner Mitglieder verloren. Eine "
    "Austrittswillige begründete ihre Entscheidung wie folgt: „Die Hütte ist seit Jahren zu und niemand "
    "kümmert sich.“ Der Vorstand will im Herbst über die Hütte entscheiden.",
    [q("Die Hütte ist seit Jahren zu und niemand kümmert sich.", "Austrittswillige")])

add("de-apposition-unknown-head", "de", "Rücktritt in Oberfelden",
    "Die Bürgermeisterin von Oberfelden, Emma Roth, tritt zum Jahresende zurück. „Ich habe lange "
    "darüber nachgedacht“, sagte Roth am Montag. Der jüngere Bruder der Bürgermeisterin, Lothar Roth, "
    "war nach eigenen Worten seit Wochen eingeweiht. „Meine Schwester wünscht sich mehr Zeit für die "
    "Familie.“ Der Gemeinderat wählt im Februar.",
    [q("Ich habe lange darüber nachgedacht", "Emma Roth"),
     q("Meine Schwester wünscht sich mehr Zeit für die Familie.", "Lothar Roth")])

add("de-known-last-name", "de", "Streit um das Museum",
    "Der Stadtrat von Ebersheim hat den Neubau des Museums beschlossen. „Das ist ein guter Tag für die "
    "Stadt“, sagte Ratsherr Volker Bohm. Für den Architekten Hans Brenner ist der Entwurf verfehlt. Der "
    "71-jährige Brenner, der das alte Haus einst selbst umgebaut hat, hofft aber, „dass der Rat sich die "
    "Sache noch einmal in Ruhe überlegt“.",
    [q("Das ist ein guter Tag für die Stadt", "Volker Bohm"),
     q("dass der Rat sich die Sache noch einmal in Ruhe überlegt", "Hans Brenner")])

add("de-according-to", "de", "Die Lauterbrücke bleibt gesperrt",
    "Die Brücke über die Lauter bleibt bis auf Weiteres gesperrt. „Wir bauen so schnell es geht“, sagte "
    "Bürgermeister Kurt Weller am Montag. Nach Angaben des Heimatvereins ist die Brücke „seit Jahren in "
    "einem erbärmlichen Zustand, und niemand hat etwas getan“. Die Kosten sollen dem Landratsamt zufolge "
    "„weit über zehn Millionen Euro liegen, vielleicht auch mehr“.",
    [q("Wir bauen so schnell es geht", "Kurt Weller"),
     q("seit Jahren in einem erbärmlichen Zustand, und niemand hat etwas getan", "Heimatvereins"),
     q("weit über zehn Millionen Euro liegen, vielleicht auch mehr", "Landratsamt")])

add("de-lower-case-prefix", "de", "Neues Logo für das Sommerfest",
    "Das Sommerfest in Kellbach bekommt ein neues Logo: fünf gelbe Striche auf blauem Grund. Auf der "
    "kellbach-Homepage heißt es zur Begründung, warum die Wahl auf dieses Bild fiel: „Die Striche sind "
    "einfach, alt und jeder kann sie zeichnen.“ Das Fest beginnt am 4. Juli.",
    [q("Die Striche sind einfach, alt und jeder kann sie zeichnen.", "kellbach-Homepage")])

add("de-wie-x-sagte", "de", "Stürmer wechselt nach Valencia",
    "Der Stürmer Jonas Ferber wechselt nach Valencia. „Er war nicht mehr zu halten“, wie Vereinspräsident "
    "Olaf Brandt am Montag sagte. Die Ablöse ist hoch. „Das Geld fließt in die Jugend“, war aus dem "
    "Vorstand zu hören.",
    [q("Er war nicht mehr zu halten", "Olaf Brandt"), q("Das Geld fließt in die Jugend", "Vorstand")])

# ---------------------------------------------------------------- English
add("en-said-after", "en", "Library reopens",
    "The public library in Millbrook reopened on Monday after a two-year renovation. “We wanted a place "
    "where everyone feels welcome,” said head librarian Grace Whitfield.",
    [q("We wanted a place where everyone feels welcome,", "Grace Whitfield")])
add("en-name-said", "en", "Harbour plans",
    "The council approved the new harbour plan on Thursday. “This is the biggest investment in the town "
    "for a generation,” council leader Owen Pritchard said. Work begins in spring.",
    [q("This is the biggest investment in the town for a generation,", "Owen Pritchard")])
add("en-colon", "en", "Drought warning",
    "Farmers in the valley are bracing for a dry summer. Water board chair Helen Osei said: “We are asking "
    "every household to cut its use by a fifth.” Hosepipe bans may follow.",
    [q("We are asking every household to cut its use by a fifth.", "Helen Osei")])
add("en-interrupted", "en", "Marathon",
    "Thousands ran through the city on Sunday. “It was brutal in the heat,” said winner Daniel Okafor, "
    "“but the crowd carried me over the last mile.”",
    [q("It was brutal in the heat,", "Daniel Okafor"), q("but the crowd carried me over the last mile.", "Daniel Okafor")])
add("en-nested", "en", "School play",
    "The drama teacher Martin Greaves praised his pupils. “When the lights failed, one of them just "
    "shouted ‘keep going’ and they did,” he said.",
    [q("When the lights failed, one of them just shouted ‘keep going’ and they did,", "he", "Martin Greaves")])
add("en-british-single", "en", "Bus route cut",
    "Residents of Eastcombe are angry about the loss of their only bus. ‘Without it I cannot get to the "
    "hospital,’ said pensioner Margaret Doyle. The operator’s spokesman declined to comment.",
    [q("Without it I cannot get to the hospital,", "Margaret Doyle")])
add("en-according-to", "en", "Factory fire",
    "A fire broke out at a paint factory in Redbridge overnight. “The building was empty and nobody was "
    "hurt,” according to fire officer Priya Nandakumar.",
    [q("The building was empty and nobody was hurt,", "Priya Nandakumar")])
add("en-told", "en", "Startup funding",
    "The software firm Larkspur has raised new money. “We will double the team this year,” chief executive "
    "Tom Haverford told reporters in London.",
    [q("We will double the team this year,", "Tom Haverford")])
add("en-title-magazine", "en", "Magazine interview",
    "In an interview with the magazine 'Harbour Life', the chef Rosa Delgado talked about her new "
    "restaurant. “I cook what my grandmother cooked, only faster,” Delgado said.",
    [q("I cook what my grandmother cooked, only faster,", "Rosa Delgado")])
add("en-scare-term", "en", "Office trends",
    "Some managers now talk about “quiet quitting” and “hybrid energy”. Critics call the new "
    "“wellness” programmes a cheap way to avoid pay rises.",
    [])
add("en-apostrophes-inch", "en", "Gadget review",
    "The company’s new tablet has a 13\" screen and weighs under a kilo. It’s the firm's lightest "
    "model yet. “People told us they wanted something they could carry all day,” said product manager "
    "Aisha Rahman.",
    [q("People told us they wanted something they could carry all day,", "Aisha Rahman")])
add("en-lastname", "en", "Election night",
    "Councillor Beatrice Langley won the Northgate seat by 41 votes. “It was closer than I ever "
    "expected,” Langley said. Later she added: “Now the real work starts.”",
    [q("It was closer than I ever expected,", "Beatrice Langley"), q("Now the real work starts.", "Beatrice Langley")])
add("en-description", "en", "Airport delays",
    "Passengers faced long queues at Hartfield airport. “We are doing everything we can to get people on "
    "their flights,” a spokeswoman for the airport said.",
    [q("We are doing everything we can to get people on their flights,", "spokeswoman for the airport")])
add("en-appositive", "en", "Bakery award",
    "A family bakery in Dunmore has won a national prize. “My father would have been so proud,” said "
    "Fiona McAllister, who runs the shop with her brother.",
    [q("My father would have been so proud,", "Fiona McAllister")])
add("en-multipara", "en", "Retirement speech",
    "At the ceremony the retiring judge Harold Finch spoke briefly.\n\n"
    "“I have spent thirty years in this building, and I have loved nearly every day of it.\n\n"
    "“I leave it in very good hands.”\n\n"
    "The court then rose.",
    [q("I have spent thirty years in this building, and I have loved nearly every day of it.", "Harold Finch"),
     q("I leave it in very good hands.", "Harold Finch")])
add("en-quotes-from-list", "en", "A season in numbers",
    "The captain Sophie Brennan looked back on the season. Quotes from Sophie Brennan:\n\n"
    "1. On the final: \"We never stopped believing.\"\n"
    "2. On the coach: \"She changed how we think about the game.\"\n"
    "3. On next year: \"We want the double.\"",
    [q("We never stopped believing.", "Sophie Brennan"), q("She changed how we think about the game.", "Sophie Brennan"),
     q("We want the double.", "Sophie Brennan")])
add("en-unknown", "en", "Graffiti",
    "A slogan appeared overnight on the old mill: “The river belongs to everyone.” Nobody has claimed it.",
    [q("The river belongs to everyone.", None)])
add("en-partial", "en", "Budget row",
    "The finance minister called the opposition plan “fantasy economics” and said it would leave a "
    "“black hole” in the budget. The vote is on Tuesday.",
    [])
add("en-ascii", "en", "Ferry strike",
    "Ferry crews walked out on Friday. \"We have been patient for two years,\" said union rep Callum Reid. "
    "Services are expected to resume on Monday.",
    [q("We have been patient for two years,", "Callum Reid")])
add("en-she-said", "en", "New museum director",
    "The city museum has appointed Eleanor Vance as its new director. “I want children to run through "
    "these halls,” she said on her first day.",
    [q("I want children to run through these halls,", "she", "Eleanor Vance")])
add("en-title-song", "en", "Concert review",
    "The band closed with their hit \"Lights Over Kelso\" and an encore of \"Nobody Sleeps Tonight\". "
    "The audience stayed long after the last note.",
    [])

# ---------------------------------------------------------------- French
add("fr-a-declare", "fr", "Fermeture d'usine",
    "L'usine de Montval fermera ses portes en juin. « Nous avons tout essayé pour sauver ces emplois », "
    "a déclaré la directrice Claire Fontaine lundi.",
    [q("Nous avons tout essayé pour sauver ces emplois", "Claire Fontaine")])
add("fr-colon", "fr", "Nouveau tramway",
    "La ville de Belcourt inaugure sa ligne de tramway. Le maire Étienne Marchal a déclaré : « C'est un "
    "grand jour pour tous les habitants. » Les travaux ont duré trois ans.",
    [q("C'est un grand jour pour tous les habitants.", "Étienne Marchal")])
add("fr-inversion", "fr", "Récolte difficile",
    "Les viticulteurs du Val d'Orne craignent une mauvaise récolte. Sophie Garnier, vigneronne depuis vingt "
    "ans, est inquiète. « La grêle a tout détruit en dix minutes », a-t-elle expliqué.",
    [q("La grêle a tout détruit en dix minutes", "elle", "Sophie Garnier")])
add("fr-selon", "fr", "Grève des bus",
    "Les chauffeurs de bus sont en grève depuis mardi. « Nous ne reprendrons pas le travail sans accord », "
    "selon le syndicaliste Marc Dubois.",
    [q("Nous ne reprendrons pas le travail sans accord", "Marc Dubois")])
add("fr-title", "fr", "Entretien",
    "Dans un entretien au journal « Le Courrier du Sud », l'écrivaine Louise Perrin parle de son enfance. "
    "« J'ai appris à lire dans la cuisine de ma grand-mère », raconte Perrin.",
    [q("J'ai appris à lire dans la cuisine de ma grand-mère", "Louise Perrin")])
add("fr-nested", "fr", "Souvenir d'école",
    "L'instituteur Bernard Lemoine se souvient de sa première classe. « Un élève m'a dit “vous parlez trop "
    "vite” et il avait raison », sourit Lemoine.",
    [q("Un élève m'a dit “vous parlez trop vite” et il avait raison", "Bernard Lemoine")])
add("fr-scare", "fr", "Réforme contestée",
    "Le gouvernement parle d'une « simplification ». Pour les syndicats, cette « réforme » est surtout une "
    "économie sur le dos des agents.",
    [])
add("fr-interrupted", "fr", "Festival",
    "Le festival de Saint-Aubin a battu son record. « Nous avons vendu toutes les places », a déclaré "
    "l'organisatrice Julie Morel, « et il faudra agrandir le site. »",
    [q("Nous avons vendu toutes les places", "Julie Morel"), q("et il faudra agrandir le site.", "Julie Morel")])
add("fr-multipara", "fr", "Discours",
    "Le président du club, Antoine Leclerc, a pris la parole devant les supporters.\n\n"
    "« Cette saison a été la plus difficile de ma vie de dirigeant.\n\n"
    "« Mais nous sommes toujours debout, et nous reviendrons. »\n\n"
    "La salle a applaudi longuement.",
    [q("Cette saison a été la plus difficile de ma vie de dirigeant.", "Antoine Leclerc"),
     q("Mais nous sommes toujours debout, et nous reviendrons.", "Antoine Leclerc")])
add("fr-narrow-nbsp", "fr", "Marché de Noël",
    "Le marché de Noël ouvre samedi. «\u202fNous attendons plus de visiteurs que l'an dernier\u202f», a "
    "indiqué la commerçante Nathalie Roux.",
    [q("Nous attendons plus de visiteurs que l'an dernier", "Nathalie Roux")])
add("fr-lastname", "fr", "Hôpital",
    "La cheffe de service Dr Hélène Vasseur alerte sur le manque de personnel. « Nous fermons des lits "
    "chaque semaine », a déclaré Vasseur. « Il faut recruter maintenant », a ajouté Vasseur.",
    [q("Nous fermons des lits chaque semaine", "Hélène Vasseur"), q("Il faut recruter maintenant", "Hélène Vasseur")])
add("fr-citations-list", "fr", "Portrait",
    "Le navigateur Yves Kerbrat rentre d'un tour du monde. Citations de Yves Kerbrat :\n\n"
    "1. Sur la mer : « Elle ne pardonne rien. »\n"
    "2. Sur la solitude : « On n'est jamais vraiment seul avec le vent. »",
    [q("Elle ne pardonne rien.", "Yves Kerbrat"), q("On n'est jamais vraiment seul avec le vent.", "Yves Kerbrat")])
add("fr-unknown", "fr", "Tag sur la mairie",
    "Un message est apparu sur la façade de la mairie : « La place est à nous ». Personne ne l'a revendiqué.",
    [q("La place est à nous", None)])
add("fr-description", "fr", "Panne d'électricité",
    "Une panne a privé deux quartiers d'électricité. « Le courant sera rétabli dans la soirée », a précisé "
    "un porte-parole du fournisseur.",
    [q("Le courant sera rétabli dans la soirée", "porte-parole du fournisseur")])
add("fr-partial", "fr", "Débat municipal",
    "L'opposition a qualifié le budget de « bricolage » et a dénoncé une « fuite en avant ». Le vote aura "
    "lieu jeudi.",
    [])
add("fr-apostrophes", "fr", "Rentrée",
    "Aujourd’hui, c’est la rentrée à l’école Jules-Ferry. « On est contents de retrouver les copains », "
    "a dit Emma Girard, élève de CM2.",
    [q("On est contents de retrouver les copains", "Emma Girard")])


# ---------------------------------------------------------------- speakers, second round
# Group subjects, organisations with particle verbs, sources that are places in a text, a list of
# speakers before a colon, a quote in brackets after a name, "Wie X feststellt", people who belong
# to the subject ("seine Kollegen"). German first, then the rules that apply in English and French.
add("de-group-subject", "de", "Scheunenbrand in Hohlbach",
    "In Hohlbach ist in der Nacht eine Scheune abgebrannt. Der Leiter der Wache, Tomas Berger, bestätigte "
    "den Einsatz am Morgen. Einer der vier beteiligten Sanitäter sagte: „So etwas habe ich in zwanzig "
    "Jahren noch nicht erlebt, ehrlich nicht.“ „Wozu brauchen wir eine neue Halle, wenn die alte noch gut "
    "genug ist?“ fragen sich viele Anwohner.",
    [q("So etwas habe ich in zwanzig Jahren noch nicht erlebt, ehrlich nicht.", "Einer der vier beteiligten Sanitäter"),
     q("Wozu brauchen wir eine neue Halle, wenn die alte noch gut genug ist?", "Anwohner")])
add("de-particle-verb-org", "de", "Rekord beim Sportbund",
    "Der Sportbund Nord hat so viele Mitglieder wie nie. Sportbund-Nord gab dazu bekannt: „Das ist der "
    "größte Zuwachs an Mitgliedern, den wir in unserer Geschichte je hatten.“ Der Zeitung sagte Bernd "
    "Kolbe, der Kassenwart: „Jetzt brauchen wir nur noch eine zweite Halle für das Training.“",
    [q("Das ist der größte Zuwachs an Mitgliedern, den wir in unserer Geschichte je hatten.", "Sportbund-Nord"),
     q("Jetzt brauchen wir nur noch eine zweite Halle für das Training.", "Bernd Kolbe")])
add("de-subject-after-und", "de", "Protest gegen den Plan",
    "Vor dem Rathaus von Mellingen protestierten am Samstag rund 300 Menschen. Die Menge rief vor dem "
    "großen Rathaus Parolen wie „Weg mit dem Plan!“ und der als Gegner des Plans bekannte Unternehmer Falk "
    "Rebmann rief vor den Gästen aus: „Das ist der schlechteste Plan, den diese Stadt je gesehen hat!“",
    [q("Das ist der schlechteste Plan, den diese Stadt je gesehen hat!", "Falk Rebmann")],
    optional=["Weg mit dem Plan!"])
add("de-place-source", "de", "Neue Satzung",
    "Der Kleingartenverein Am Mühlbach gibt sich eine neue Satzung. Derzeit steht in dem Entwurf für die "
    "neue Satzung noch der Satz: „Die Mitglieder treffen sich mindestens einmal im Jahr zur Versammlung.“ "
    "In der Vereinszeitung fand sich dazu die Feststellung „Mit dieser Satzung stellen wir unsere Arbeit "
    "auf ganz neue Beine“. In einer Erklärung des Vorstands vom Dienstagabend hatte es geheißen: „Über den "
    "Entwurf stimmen alle Mitglieder im Mai gemeinsam ab.“",
    [q("Die Mitglieder treffen sich mindestens einmal im Jahr zur Versammlung.", "Entwurf"),
     q("Mit dieser Satzung stellen wir unsere Arbeit auf ganz neue Beine", "Vereinszeitung"),
     q("Über den Entwurf stimmen alle Mitglieder im Mai gemeinsam ab.", "Vorstands")])
add("de-es-relative", "de", "Schweigepflicht",
    "Der Verein Offene Akten hat eine Verfügung des Amtsgerichts veröffentlicht. Im letzten Absatz der "
    "Verfügung, die dem Verein am 3. Mai zugestellt wurde, heißt es: „Der Verein darf über diese Verfügung "
    "mit niemandem sprechen, auch nicht mit seinen Mitgliedern.“",
    [q("Der Verein darf über diese Verfügung mit niemandem sprechen, auch nicht mit seinen Mitgliedern.",
       "Verfügung")])
add("de-list-before-colon", "de", "Jubiläum der Fähre",
    "Die Fähre über den Altrhein fährt seit hundert Jahren. Zahlreiche Gäste gratulierten, so der "
    "Bürgermeister Hans Riedl, die Landrätin Petra Oswald und der Abgeordnete Lukas Brenner: „Ein großer "
    "Tag für die ganze Region, wir freuen uns mit euch.“ Auch die Vorsitzende des Fährvereins, Karin Beil "
    "(„Das hätte ich vor zehn Jahren nie für möglich gehalten.“), war gekommen.",
    [q("Ein großer Tag für die ganze Region, wir freuen uns mit euch.", "Lukas Brenner"),
     q("Das hätte ich vor zehn Jahren nie für möglich gehalten.", "Karin Beil")])
add("de-wie-feststellt", "de", "Streit um die Satzung",
    "Im Ruderclub Seewinkel wird über die neue Satzung gestritten. Wie Ulrike Sandmann, die am 2. März "
    "2019 in den Vorstand gewählt wurde, dazu feststellt, verlangt „die neue Satzung eine klare Mehrheit "
    "für jeden Beschluss, und die gibt es nicht“. Die Versammlung ist im Juni.",
    [q("die neue Satzung eine klare Mehrheit für jeden Beschluss, und die gibt es nicht", "Ulrike Sandmann")])
add("de-possessed-colleagues", "de", "Ballonfahrt",
    "Nach drei Stunden in der Luft landete der Ballon auf einer Wiese bei Kornau. Mit seinen Kollegen "
    "Edwin Marlow und Michael Quist war er am Morgen gestartet und meldete sich mit den Worten: „Wir sind "
    "angekommen, alles ist ruhig hier unten.“",
    [q("Wir sind angekommen, alles ist ruhig hier unten.", None)])
add("en-aside-and-possessed", "en", "Ferry turns one hundred",
    "The ferry across the estuary has run for a hundred years. Several guests came, among them the "
    "mayor, Helen Osei (“I would not have missed this for anything in the world.”), and two council "
    "members. The skipper had set out with his colleagues Edwin Marlow and Peter Quist, and he radioed "
    "back the words: “We have arrived and everything is quiet on the water.”",
    [q("I would not have missed this for anything in the world.", "Helen Osei"),
     q("We have arrived and everything is quiet on the water.", None)])
add("fr-aside-and-possessed", "fr", "Le bac a cent ans",
    "Le bac sur l'estuaire fonctionne depuis cent ans. Plusieurs invités étaient là, dont la maire, Hélène "
    "Martin (« Je n’aurais manqué cela pour rien au monde, vraiment. »), et deux conseillers. Le passeur "
    "était parti avec son collègue Pierre Lacombe, et il a répondu par ces mots : « Nous sommes arrivés et "
    "tout est calme sur l'eau. »",
    [q("Je n’aurais manqué cela pour rien au monde, vraiment.", "Hélène Martin"),
     q("Nous sommes arrivés et tout est calme sur l'eau.", None)])

add("de-passive-relative", "de", "Streit um die Stadtwerke",
    "Die Bürgermeisterin Sonja Reh verteidigt die Stadtwerke. Sie gelten als gut geführt und wurden gestern "
    "im „Tagblatt“ als „ein verlässlicher Partner für alle Bürgerinnen und Bürger der Stadt“ bezeichnet. In "
    "der Lokalzeitung erschien dagegen ein Kommentar, der die Preiserhöhung als „eine kaum nachzuvollziehende "
    "Belastung für alle Familien hier“ bezeichnet.",
    [q("ein verlässlicher Partner für alle Bürgerinnen und Bürger der Stadt", "Tagblatt"),
     q("eine kaum nachzuvollziehende Belastung für alle Familien hier", "Kommentar")])
add("de-writing-carriers", "de", "Demonstration für die Wiese",
    "Rund 200 Menschen zogen am Samstag durch Ebersfeld. Der Demonstrationsleiter Jan Ohl sagte: „Wir bleiben "
    "friedlich, ganz sicher.“ Auf dem Transparent an der Spitze war die Parole „Die Wiese bleibt, der Parkplatz "
    "geht, und zwar sofort“ zu lesen. An jeder Tür des Rathauses musste ein Zettel kleben, auf dem geschrieben "
    "stand: „Bitte leise sein, hier wird gearbeitet und gelernt.“ Tourmanager Jens Kolb sagte der "
    "US-Zeitschrift: „Es war eine lange Tour, aber vor allem eine schöne.“",
    [q("Wir bleiben friedlich, ganz sicher.", "Jan Ohl"),
     q("Die Wiese bleibt, der Parkplatz geht, und zwar sofort", "Transparent"),
     q("Bitte leise sein, hier wird gearbeitet und gelernt.", "Zettel"),
     q("Es war eine lange Tour, aber vor allem eine schöne.", "Jens Kolb")])


# ---------------------------------------------------------------- speakers as written, third round
add("de-pronoun-goes-on", "de", "Kahle Hänge",
    "Der Förster Lukas Hain zeigt auf die kahlen Hänge. „Der Borkenkäfer hat hier ganze Arbeit "
    "geleistet“, sagte er. Die Stadt will im Frühjahr neue Bäume pflanzen. „Wir setzen auf Mischwald, "
    "nicht mehr auf Fichten.“",
    [q("Der Borkenkäfer hat hier ganze Arbeit geleistet", "er", "Lukas Hain"),
     q("Wir setzen auf Mischwald, nicht mehr auf Fichten.", "er", "Lukas Hain")])
add("de-inverted-colon", "de", "Streit um die Brücke",
    "Der Spediteur Rolf Ebner ist verärgert. Den Vorschlag des Bauamts, die Brücke für Lastwagen zu "
    "sperren, lehnt er rundweg ab: „Dann bricht hier der ganze Verkehr zusammen.“ Das Bauamt prüft "
    "nun andere Wege.",
    [q("Dann bricht hier der ganze Verkehr zusammen.", "er", "Rolf Ebner")])
add("de-inverted-embedded", "de", "Schnelles Netz",
    "Die Bürgermeisterin Ida Korn hat sich viel vorgenommen. Zunächst wollte sie „bis zum Sommer alle "
    "Schulen mit schnellem Internet versorgen“, nun wird es wohl Herbst.",
    [q("bis zum Sommer alle Schulen mit schnellem Internet versorgen", "sie", "Ida Korn")])
add("de-with-these-words", "de", "Zurück am Spielfeldrand",
    "„Ich bin wieder da und habe große Lust auf diese Arbeit“, mit diesen Worten begrüßte Trainer Max "
    "Oltmann am Montag seine Mannschaft. Der Verein hatte ihn nach drei Jahren zurückgeholt.",
    [q("Ich bin wieder da und habe große Lust auf diese Arbeit", "Max Oltmann")])
add("de-office-alone", "de", "Heimsieg",
    "Die Mannschaft von Bundestrainerin Lea Sommer gewann in Kiel mit 31:24. In der Kabine zeigt sich "
    "die Bundestrainerin zufrieden: „Wir haben endlich unser Tempo gefunden.“ Am Sonntag geht es weiter.",
    [q("Wir haben endlich unser Tempo gefunden.", "Bundestrainerin", "Lea Sommer")])
add("en-with-these-words", "en", "Closed for the winter",
    "Grace Whitfield has run the bakery by the old mill for thirty years. “We will open again when the "
    "first cherries are ripe,” with these words she locked the door on Saturday.",
    [q("We will open again when the first cherries are ripe,", "she", "Grace Whitfield")])

# ---------------------------------------------------------------- pointing back, fourth round
add("de-letztere", "de", "Führung durch den Stadtwald",
    "Der Imker Paul Wolf und die Försterin Greta Lind führten am Samstag durch den Stadtwald. "
    "„Ohne Blüten im Frühjahr gibt es keinen Honig im Sommer“, so letztere. Rund vierzig Gäste "
    "waren gekommen.",
    [q("Ohne Blüten im Frühjahr gibt es keinen Honig im Sommer", "letztere", "Greta Lind")])
add("de-dieser", "de", "Neue Fähre",
    "Die Reederin Nora Falk stellte mit dem Kapitän Henrik Sund die neue Fähre vor. „Sie fährt "
    "leiser und braucht ein Drittel weniger Diesel“, sagte dieser am Rande der Taufe.",
    [q("Sie fährt leiser und braucht ein Drittel weniger Diesel", "dieser", "Henrik Sund")])
add("de-colon-after-reported", "de", "Streit um das Wehr",
    "Die Umweltministerin Clara Voss hat sich zu den Plänen für das Wehr geäußert. Voss verwies auf "
    "die Verträge mit den Nachbarländern. Die Regeln seien dort eindeutig festgelegt: „Keine Seite "
    "darf den Fluss allein aufstauen.“ Das Nachbarland will im Mai antworten.",
    [q("Keine Seite darf den Fluss allein aufstauen.", "Clara Voss")])

add("de-adverb-participle", "de", "Chorleiter tritt zurück",
    "Der Leiter des Knabenchors, Albert Rainer, hatte sich wochenlang gegen die Vorwürfe gewehrt. "
    "Nun gab er nach: „Ich will dem Chor nicht länger im Weg stehen“, heißt es in einer gestern "
    "verbreiteten Erklärung. Ein Nachfolger soll im Herbst gewählt werden.",
    [q("Ich will dem Chor nicht länger im Weg stehen", "Erklärung")])

add("de-dort", "de", "Gemüse vom Dach",
    "Die Dachgärtner von Kellbach haben ihre erste Ernte eingefahren. Auf ihrer Homepage finden sich "
    "Fotos der Beete und ein Pflanzplan. Auch das Leitbild steht dort: „Wir pflanzen, was wir essen, "
    "und wir essen, was wir pflanzen.“ Im Herbst soll ein zweites Dach dazukommen.",
    [q("Wir pflanzen, was wir essen, und wir essen, was wir pflanzen.", "Homepage")])

add("de-statement-after", "de", "Wenig Vertrauen",
    "„Nur jeder vierte Mieter glaubt, dass die Stadt die Wohnungsnot in den Griff bekommt.“ Das ist "
    "die zentrale Aussage einer Umfrage des Mieterbunds Kellbach, die am Montag vorgestellt wurde. "
    "Befragt wurden 800 Haushalte.",
    [q("Nur jeder vierte Mieter glaubt, dass die Stadt die Wohnungsnot in den Griff bekommt.",
       "Mieterbunds Kellbach")])

add("de-reported-run", "de", "Haushalt gestoppt",
    "Die Landrätin Ruth Eder hat den Kreishaushalt gestoppt. Die Landrätin begründete den Schritt "
    "mit den Kosten der Kliniken. Ohne neue Zuschüsse sei das Defizit nicht zu decken. Nach vielen "
    "Gesprächen sei sie zu dem Schluss gekommen, dass es keinen anderen Weg gebe. „Ich bin "
    "überzeugt, dass wir jetzt handeln müssen.“ Der Kreistag berät im März.",
    [q("Ich bin überzeugt, dass wir jetzt handeln müssen.", "Landrätin", "Ruth Eder")])

add("de-satz-bracket", "de", "Schweigepflicht",
    "Der Sportverein Kellbach muss Auskunft über seine Kasse geben. Im letzten Satz der Verfügung "
    "(Aktenzeichen 4 K 12), die dem Vorstand am Freitag zuging, heißt es: „Der Verein darf über "
    "dieses Verfahren vorerst nicht sprechen.“ Der Vorstand will Widerspruch einlegen.",
    [q("Der Verein darf über dieses Verfahren vorerst nicht sprechen.", "Verfügung")])


add("de-pronoun-view", "de", "Hafenfest",
    "Trainer Paul Krämer hat den Verein drei Jahre lang geführt. „Ich bin gern hier“, sagte Krämer. "
    "Präsident Max Wolf hatte ihn im Frühjahr kritisiert. Nach dem Spiel war Krämer trotzdem "
    "zufrieden. Er ist sich sicher: „Wir spielen in dieser Saison auf Sieg.“ Für Max Wolf ist die "
    "Sache dagegen klar: „Der Kader ist zu klein.“",
    [q("Ich bin gern hier", "Krämer", "Paul Krämer"),
     q("Wir spielen in dieser Saison auf Sieg.", "Er", "Paul Krämer"),
     q("Der Kader ist zu klein.", "Max Wolf")])

add("de-said-after", "de", "Brückensperrung",
    "Die Stadt sperrt die alte Brücke am Kanal ab Montag für Lastwagen. „Die Brücke trägt das Gewicht "
    "nicht mehr.“ Das sagte Baudezernentin Ilse Marquardt am Freitag. Die Zeitung zitiert den "
    "Spediteur Otto Brenner mit den Worten: „Der Umweg kostet uns jeden Tag eine Stunde.“ Daraufhin "
    "meinte er nur: „Wir werden trotzdem liefern.“",
    [q("Die Brücke trägt das Gewicht nicht mehr.", "Ilse Marquardt"),
     q("Der Umweg kostet uns jeden Tag eine Stunde.", "Otto Brenner"),
     q("Wir werden trotzdem liefern.", "er", "Otto Brenner")])

add("de-age-noun", "de", "Neue Bäckerei",
    "In der Lindenstraße hat eine neue Bäckerei eröffnet. Ihre Inhaberin Greta Samuelsen backt seit "
    "dreißig Jahren. Sie bleibt bescheiden. „Brot backen ist Handwerk, keine Kunst.“ Am Abend kam "
    "der Ortsvorsteher vorbei. „Endlich wieder frische Brötchen im Viertel“, sagte der 58-Jährige.",
    [q("Brot backen ist Handwerk, keine Kunst.", "Sie", "Greta Samuelsen"),
     q("Endlich wieder frische Brötchen im Viertel", "58-Jährige", "Ortsvorsteher")])


def write(name: str, cases: list[dict]) -> None:
    """Writes ``cases`` as JSONL to ``name`` beside this script (every passage generator's)."""
    out = Path(__file__).with_name(name)
    with out.open("w", encoding="utf-8") as f:
        for case in cases:
            f.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"{out}: {len(cases)} passages")


def main() -> None:
    write("passages.jsonl", P)


if __name__ == "__main__":
    main()
