"""Writes passages-es.jsonl, passages-it.jsonl and passages-nl.jsonl: labelled quote sets in
Spanish, Italian and Dutch, each with the language's own quotation conventions.

Every passage was written for this project: invented people, places and events. Run
``python tests/quotes/make_passages_es_it_nl.py`` after editing. Same case format as
passages.jsonl (the one ``quote_eval.py`` reads).
"""

from __future__ import annotations

from make_passages import q, write

P: dict[str, list[dict]] = {"es": [], "it": [], "nl": []}


def add(id: str, title: str, text: str, quotes: list[dict], optional: list[str] = ()) -> None:
    lang = id[:2]
    P[lang].append({"id": id, "lang": lang, "title": title, "text": text, "quotes": quotes,
                    "optional": list(optional)})


# ---------------------------------------------------------------- Spanish: «…», “…”, —…
add("es-angular-dijo", "Cierra la fábrica de Valdecañas",
    "La empresa Hornos Ribera cerrará su planta de Valdecañas en marzo. «Hemos buscado todas las "
    "alternativas y no hemos encontrado ninguna», dijo la directora general, Lucía Montero, en una "
    "rueda de prensa. La decisión afecta a 180 trabajadores.",
    [q("Hemos buscado todas las alternativas y no hemos encontrado ninguna", "Lucía Montero")])
add("es-colon", "El puente seguirá cerrado",
    "El Ayuntamiento de Torrealba mantendrá cerrado el puente viejo hasta el verano. El alcalde, "
    "Andrés Villalba, afirmó: «No vamos a arriesgar la seguridad de nadie por ahorrar tres meses.» "
    "La oposición pidió un calendario de obras.",
    [q("No vamos a arriesgar la seguridad de nadie por ahorrar tres meses.", "Andrés Villalba")])
add("es-curly", "Nueva línea de autobús",
    "Desde el lunes, la línea 14 llegará hasta el hospital comarcal. “Era una petición de los "
    "vecinos desde hace diez años”, explicó la concejala de Movilidad, Marta Quintana. El billete "
    "costará lo mismo.",
    [q("Era una petición de los vecinos desde hace diez años", "Marta Quintana")])
add("es-interrupted", "La vendimia se adelanta",
    "Los viticultores de la comarca empezaron la vendimia dos semanas antes de lo habitual. «La uva "
    "está sana», aseguró el enólogo Ramón Echeverría, «pero el calor nos obliga a correr.» La "
    "cosecha será menor que la del año pasado.",
    [q("La uva está sana", "Ramón Echeverría"), q("pero el calor nos obliga a correr.", "Ramón Echeverría")])
add("es-nested", "Obra de teatro escolar",
    "Los alumnos del instituto Peñaflor estrenaron una obra escrita por ellos mismos. «Cuando la "
    "profesora gritó “¡telón!”, nos temblaban las piernas», contó la alumna Irene Salcedo tras la "
    "función.",
    [q("Cuando la profesora gritó “¡telón!”, nos temblaban las piernas", "Irene Salcedo")])
add("es-dash-dialogue", "Un pescador de Cabo Arenas",
    "Julián Barreiro lleva cuarenta años saliendo a faenar desde Cabo Arenas.\n\n"
    "—El mar ya no es el de antes —dijo Barreiro mientras recogía las redes—. Cada año hay menos "
    "sardina.\n\n"
    "Su hija ha decidido seguir con el barco.",
    [q("El mar ya no es el de antes", "Julián Barreiro"), q("Cada año hay menos sardina.", "Julián Barreiro")])
add("es-dash-dialogue-two", "La biblioteca abre de noche",
    "La biblioteca municipal de Lorenzana abrirá hasta medianoche durante los exámenes.\n\n"
    "—Los estudiantes nos lo pedían desde hace años —explicó la bibliotecaria, Carmen Ortuño.\n\n"
    "El servicio se mantendrá hasta finales de junio.",
    [q("Los estudiantes nos lo pedían desde hace años", "Carmen Ortuño")])
add("es-title-book", "Un libro sobre los faros",
    "El historiador Tomás Arrieta ha publicado «Los faros olvidados de la costa norte», un ensayo "
    "sobre los torreros que vivieron en ellos. El libro se presenta el jueves en Gijón.",
    [])
add("es-scare", "El plan de ahorro",
    "El Gobierno regional llama «modernización» a su plan de ahorro. Los sindicatos lo consideran "
    "un recorte encubierto en las bibliotecas.",
    [])
add("es-term", "Palabra del año",
    "En muchas empresas la palabra “resiliencia” se ha convertido en una moda. Los empleados hablan "
    "más bien de cansancio.",
    [])
add("es-segun", "Sube el precio del alquiler",
    "El alquiler en el centro de Villamar subió un 12 % en un año. «Muchas familias jóvenes ya no "
    "pueden vivir en su barrio», según la portavoz de la asociación de inquilinos, Elena Carrasco.",
    [q("Muchas familias jóvenes ya no pueden vivir en su barrio", "Elena Carrasco")])
add("es-two-speakers", "Debate sobre el parque eólico",
    "El pleno de Sierra Baja debatió el proyecto del parque eólico. «Traerá empleo y dinero al "
    "pueblo», defendió el alcalde, Pedro Lozano. «Nadie nos ha preguntado por el paisaje», replicó "
    "la concejala Rosa Medina. La votación será en abril.",
    [q("Traerá empleo y dinero al pueblo", "Pedro Lozano"), q("Nadie nos ha preguntado por el paisaje", "Rosa Medina")])
add("es-surname-later", "Récord en la maratón",
    "La atleta Nerea Goikoetxea ganó la maratón de Ribamar con récord de la prueba. «He sufrido "
    "mucho en los últimos diez kilómetros», reconoció Goikoetxea en la meta.",
    [q("He sufrido mucho en los últimos diez kilómetros", "Nerea Goikoetxea")])
add("es-pronoun", "La nueva directora del museo",
    "Sofía Landa dirigirá desde enero el museo de bellas artes de Castrobravo. Ella quiere abrir "
    "las salas a los colegios. «Un museo vacío no sirve para nada», dijo ella en su presentación.",
    [q("Un museo vacío no sirve para nada", "ella", "Sofía Landa")])
add("es-verb-first", "Huelga de transportistas",
    "Los transportistas mantienen la huelga por tercer día. «No podemos trabajar por debajo de "
    "costes», señaló el presidente de la patronal, Ignacio Ferrán. El Ministerio convocó una reunión "
    "para el viernes.",
    [q("No podemos trabajar por debajo de costes", "Ignacio Ferrán")])
add("es-sentence-before", "Los vecinos piden un semáforo",
    "Los vecinos del barrio de San Telmo recogieron mil firmas. La presidenta de la asociación, "
    "Beatriz Almansa, entregó las firmas en el registro. «Alguien tiene que escucharnos antes de que "
    "haya un accidente.» El Ayuntamiento estudiará la petición.",
    [q("Alguien tiene que escucharnos antes de que haya un accidente.", "Beatriz Almansa")])
add("es-curly-colon", "Menos turistas en invierno",
    "Los hoteleros de Playa Honda notan la caída de visitantes. El gerente de la asociación, Luis "
    "Ferrer, lo resumió así: “Este invierno hemos tenido la mitad de reservas.” Esperan recuperarse "
    "en Semana Santa.",
    [q("Este invierno hemos tenido la mitad de reservas.", "Luis Ferrer")])
add("es-long-quote", "Nuevo centro de salud",
    "El centro de salud de Almenara abrirá en octubre. «Tendremos ocho consultas, un servicio de "
    "urgencias y una sala de rehabilitación que hasta ahora no existía en la comarca», detalló la "
    "consejera de Sanidad, Pilar Echevarría.",
    [q("Tendremos ocho consultas, un servicio de urgencias y una sala de rehabilitación que hasta "
       "ahora no existía en la comarca", "Pilar Echevarría")])
add("es-no-quote", "Lluvias en el norte",
    "Las lluvias de la última semana han llenado los embalses del norte hasta el 70 % de su "
    "capacidad. La agencia meteorológica prevé más precipitaciones para el fin de semana.",
    [])
add("es-question", "Un concurso de cocina",
    "El restaurante de la familia Ibarra ganó el concurso regional de cocina. «¿Quién iba a pensar "
    "que una tortilla nos traería hasta aquí?», preguntó entre risas el cocinero Mikel Ibarra.",
    [q("¿Quién iba a pensar que una tortilla nos traería hasta aquí?", "Mikel Ibarra")])
add("es-office-name", "Reforma del mercado",
    "El mercado de abastos de Valdeolmos cerrará dos meses por obras. «Los puestos volverán "
    "renovados y con más espacio», aseguró la concejala de Comercio, Ana Belén Rojo.",
    [q("Los puestos volverán renovados y con más espacio", "Ana Belén Rojo")])
add("es-teacher", "Un colegio sin móviles",
    "El colegio Santa Clara de Montefrío ha prohibido los teléfonos en el recreo. «Los niños han "
    "vuelto a jugar al fútbol y a la comba», explicó el director del centro, Álvaro Pineda.",
    [q("Los niños han vuelto a jugar al fútbol y a la comba", "Álvaro Pineda")])
add("es-anadio", "Nuevo carril bici",
    "El carril bici de la avenida del Puerto estará listo en mayo. «Será el más largo de la ciudad», "
    "dijo el arquitecto municipal, Jorge Salinas. «Y el más seguro», añadió.",
    [q("Será el más largo de la ciudad", "Jorge Salinas"), q("Y el más seguro", "Jorge Salinas")])
add("es-dash-question", "Entrevista en la radio",
    "La cantante Lola Vidal habló de su nuevo disco en la radio local.\n\n"
    "—¿Por qué ha tardado tanto? —preguntó el locutor.\n\n"
    "—Necesitaba tiempo para mí —respondió Vidal.",
    [q("¿Por qué ha tardado tanto?", None), q("Necesitaba tiempo para mí", "Lola Vidal")])
add("es-farmer", "Sequía en el campo",
    "Los agricultores de la vega temen otra mala cosecha. «Si no llueve en marzo, perderemos el "
    "trigo», advirtió el agricultor Fermín Aguado, de 62 años.",
    [q("Si no llueve en marzo, perderemos el trigo", "Fermín Aguado")])
add("es-scientist", "Un hallazgo en la cueva",
    "Un equipo de la universidad encontró pinturas rupestres en la cueva de Peña Negra. «Es uno de "
    "los hallazgos más importantes de la década», afirmó la arqueóloga Teresa Vallejo.",
    [q("Es uno de los hallazgos más importantes de la década", "Teresa Vallejo")])

# ---------------------------------------------------------------- Italian: «…», “…”
add("it-basic-detto", "Chiude lo stabilimento di Roccalta",
    "L'azienda Ferretti Meccanica chiuderà lo stabilimento di Roccalta entro l'estate. «Abbiamo "
    "valutato ogni alternativa, ma non ce n'erano», ha detto l'amministratrice delegata Giulia "
    "Marchetti. Sono coinvolti 150 dipendenti.",
    [q("Abbiamo valutato ogni alternativa, ma non ce n'erano", "Giulia Marchetti")])
add("it-colon", "Il ponte resta chiuso",
    "Il Comune di Valbruna terrà chiuso il ponte sul torrente fino a settembre. Il sindaco Paolo "
    "Ferraris ha dichiarato: «La sicurezza dei cittadini viene prima di tutto.» L'opposizione chiede "
    "tempi certi.",
    [q("La sicurezza dei cittadini viene prima di tutto.", "Paolo Ferraris")])
add("it-curly", "Nuova linea di autobus",
    "Da lunedì la linea 7 arriverà fino all'ospedale. “Era una richiesta dei residenti da anni”, ha "
    "spiegato l'assessora alla mobilità Chiara Bellini. Il biglietto costerà come prima.",
    [q("Era una richiesta dei residenti da anni", "Chiara Bellini")])
add("it-interrupted", "La vendemmia in anticipo",
    "I viticoltori delle colline hanno iniziato la vendemmia con due settimane di anticipo. «L'uva è "
    "sana», ha assicurato l'enologo Marco Santoro, «ma il caldo ci costringe a correre.» Il raccolto "
    "sarà più scarso.",
    [q("L'uva è sana", "Marco Santoro"), q("ma il caldo ci costringe a correre.", "Marco Santoro")])
add("it-nested", "Teatro a scuola",
    "Gli studenti del liceo Foscolo hanno portato in scena una commedia scritta da loro. «Quando la "
    "professoressa ha gridato “sipario”, tremavamo tutti», ha raccontato la studentessa Sara "
    "Colombo.",
    [q("Quando la professoressa ha gridato “sipario”, tremavamo tutti", "Sara Colombo")])
add("it-title-book", "Un libro sui fari",
    "Lo storico Enrico Galli ha pubblicato «I fari dimenticati dell'Adriatico», un saggio sui "
    "guardiani che ci vivevano. Il libro sarà presentato giovedì a Pesaro.",
    [])
add("it-scare", "Il piano di risparmio",
    "La giunta regionale chiama «razionalizzazione» il suo piano di risparmio. I sindacati lo "
    "considerano un taglio ai servizi.",
    [])
add("it-term", "La parola dell'anno",
    "In molte aziende la parola “resilienza” è diventata una moda. I dipendenti parlano piuttosto di "
    "stanchezza.",
    [])
add("it-secondo", "Affitti in aumento",
    "Gli affitti nel centro di Borgomare sono saliti del 10 % in un anno. «Le giovani famiglie non "
    "possono più vivere nel loro quartiere», secondo la portavoce del sindacato inquilini, Elena "
    "Rinaldi.",
    [q("Le giovani famiglie non possono più vivere nel loro quartiere", "Elena Rinaldi")])
add("it-two-speakers", "Il parco eolico divide",
    "Il consiglio comunale di Montepiano ha discusso il progetto del parco eolico. «Porterà lavoro e "
    "risorse», ha difeso il sindaco Luca Ferri. «Nessuno ci ha chiesto nulla sul paesaggio», ha "
    "replicato la consigliera Anna Moretti. Il voto è previsto ad aprile.",
    [q("Porterà lavoro e risorse", "Luca Ferri"), q("Nessuno ci ha chiesto nulla sul paesaggio", "Anna Moretti")])
add("it-surname-later", "Record alla maratona",
    "L'atleta Francesca Bassi ha vinto la maratona di Lungolago con il record della gara. «Ho "
    "sofferto molto negli ultimi dieci chilometri», ha ammesso Bassi al traguardo.",
    [q("Ho sofferto molto negli ultimi dieci chilometri", "Francesca Bassi")])
add("it-pronoun", "La nuova direttrice del museo",
    "Valentina Greco dirigerà da gennaio il museo civico di Castelnuovo. Lei vuole aprire le sale "
    "alle scuole. «Un museo vuoto non serve a nessuno», ha detto lei alla presentazione.",
    [q("Un museo vuoto non serve a nessuno", "lei", "Valentina Greco")])
add("it-sottolineato", "Sciopero dei trasporti",
    "Gli autotrasportatori proseguono lo sciopero per il terzo giorno. «Non possiamo lavorare in "
    "perdita», ha sottolineato il presidente dell'associazione, Giorgio Villa. Il ministero ha "
    "convocato un incontro per venerdì.",
    [q("Non possiamo lavorare in perdita", "Giorgio Villa")])
add("it-sentence-before", "I residenti chiedono un semaforo",
    "I residenti del quartiere San Rocco hanno raccolto mille firme. La presidente del comitato, "
    "Beatrice Conti, ha consegnato le firme in Comune. «Qualcuno deve ascoltarci prima che succeda "
    "un incidente.» Il Comune valuterà la richiesta.",
    [q("Qualcuno deve ascoltarci prima che succeda un incidente.", "Beatrice Conti")])
add("it-curly-colon", "Meno turisti d'inverno",
    "Gli albergatori di Marina Alta registrano un calo di presenze. Il direttore del consorzio, "
    "Stefano Riva, ha riassunto: “Quest'inverno abbiamo avuto metà delle prenotazioni.” Si spera "
    "nella Pasqua.",
    [q("Quest'inverno abbiamo avuto metà delle prenotazioni.", "Stefano Riva")])
add("it-long-quote", "Nuova casa della salute",
    "La casa della salute di Pietralunga aprirà a ottobre. «Avremo otto ambulatori, un punto di primo "
    "intervento e una palestra per la riabilitazione che finora mancava in tutta la valle», ha "
    "precisato l'assessora alla sanità Paola Gentile.",
    [q("Avremo otto ambulatori, un punto di primo intervento e una palestra per la riabilitazione "
       "che finora mancava in tutta la valle", "Paola Gentile")])
add("it-no-quote", "Piogge al nord",
    "Le piogge dell'ultima settimana hanno riempito i bacini del nord fino al 70 % della capacità. "
    "Il servizio meteorologico prevede altre precipitazioni nel fine settimana.",
    [])
add("it-question", "Una gara di cucina",
    "La trattoria della famiglia Fabbri ha vinto il concorso regionale di cucina. «Chi avrebbe mai "
    "detto che una lasagna ci avrebbe portato fin qui?», ha chiesto ridendo il cuoco Davide Fabbri.",
    [q("Chi avrebbe mai detto che una lasagna ci avrebbe portato fin qui?", "Davide Fabbri")])
add("it-market", "Il mercato coperto si rinnova",
    "Il mercato coperto di Valdoria chiuderà due mesi per lavori. «I banchi torneranno rinnovati e "
    "più spaziosi», ha assicurato l'assessore al commercio Roberto Fontana.",
    [q("I banchi torneranno rinnovati e più spaziosi", "Roberto Fontana")])
add("it-school", "Una scuola senza telefoni",
    "La scuola media Carducci di Monteleone ha vietato i telefoni durante l'intervallo. «I ragazzi "
    "sono tornati a giocare a pallone», ha spiegato il preside Alberto Ricci.",
    [q("I ragazzi sono tornati a giocare a pallone", "Alberto Ricci")])
add("it-aggiunto", "Nuova pista ciclabile",
    "La pista ciclabile del lungomare sarà pronta a maggio. «Sarà la più lunga della città», ha "
    "detto l'architetto comunale Matteo Leone. «E la più sicura», ha aggiunto.",
    [q("Sarà la più lunga della città", "Matteo Leone"), q("E la più sicura", "Matteo Leone")])
add("it-farmer", "Siccità nei campi",
    "Gli agricoltori della pianura temono un altro cattivo raccolto. «Se non piove a marzo perderemo "
    "il grano», ha avvertito l'agricoltore Franco Pellegrini, 62 anni.",
    [q("Se non piove a marzo perderemo il grano", "Franco Pellegrini")])
add("it-scientist", "Scoperta nella grotta",
    "Un gruppo dell'università ha trovato pitture rupestri nella grotta del Monte Nero. «È una delle "
    "scoperte più importanti del decennio», ha affermato l'archeologa Teresa Lombardi.",
    [q("È una delle scoperte più importanti del decennio", "Teresa Lombardi")])
add("it-dice", "Il porto cambia volto",
    "Il porto turistico di Scogliera sarà ampliato entro due anni. «Vogliamo barche più piccole e "
    "meno cemento», dice l'architetta Silvia Barbieri, che ha firmato il progetto.",
    [q("Vogliamo barche più piccole e meno cemento", "Silvia Barbieri")])
add("it-conclude", "Festival del jazz",
    "Il festival del jazz di Lagonero ha chiuso con trentamila spettatori. «È stata l'edizione più "
    "bella di sempre», conclude il direttore artistico Franco Mancini.",
    [q("È stata l'edizione più bella di sempre", "Franco Mancini")])

# ---------------------------------------------------------------- Dutch: „…”, “…”, '…'
add("nl-basic-zei", "Fabriek in Veldhoven-Zuid sluit",
    "Het bedrijf Van Dam Metaal sluit zijn fabriek in Westerhaven. „We hebben alle mogelijkheden "
    "bekeken en geen andere oplossing gevonden”, zei directeur Anneke Visser dinsdag. Er werken 210 "
    "mensen.",
    [q("We hebben alle mogelijkheden bekeken en geen andere oplossing gevonden", "Anneke Visser")])
add("nl-colon", "Brug blijft dicht",
    "De gemeente Dijkveld houdt de oude brug tot de zomer gesloten. Burgemeester Pieter de Boer zei: "
    "„We nemen geen enkel risico met de veiligheid.” De oppositie wil een planning.",
    [q("We nemen geen enkel risico met de veiligheid.", "Pieter de Boer")])
add("nl-curly", "Nieuwe buslijn",
    "Vanaf maandag rijdt lijn 12 door tot het ziekenhuis. “Bewoners vroegen hier al tien jaar om”, "
    "legde wethouder Sanne Bakker uit. Een kaartje kost evenveel als nu.",
    [q("Bewoners vroegen hier al tien jaar om", "Sanne Bakker")])
add("nl-interrupted", "Oogst begint vroeg",
    "De fruittelers in de Betuwe zijn twee weken eerder begonnen met plukken. „De peren zijn gezond”, "
    "zei teler Joost Verhoeven, „maar de hitte dwingt ons tot haast.” De oogst valt kleiner uit.",
    [q("De peren zijn gezond", "Joost Verhoeven"), q("maar de hitte dwingt ons tot haast.", "Joost Verhoeven")])
add("nl-single", "Toneel op school",
    "Leerlingen van het Erasmuscollege speelden een stuk dat ze zelf schreven. 'Toen de juf "
    "\"doek op\" riep, trilden onze benen', vertelde leerling Fleur Janssen na afloop.",
    [q("Toen de juf \"doek op\" riep, trilden onze benen", "Fleur Janssen")])
add("nl-title-book", "Boek over vuurtorens",
    "Historicus Maarten Smit schreef het boek „De vergeten vuurtorens van de Waddenkust”, over de "
    "wachters die er woonden. Het verschijnt in het najaar.",
    [])
add("nl-scare", "Bezuinigingsplan",
    "Het provinciebestuur noemt zijn bezuinigingsplan een „modernisering”. De vakbonden zien het als "
    "een kaalslag in de bibliotheken.",
    [])
add("nl-term", "Woord van het jaar",
    "In veel bedrijven is “veerkracht” een modewoord geworden. Werknemers hebben het liever over "
    "vermoeidheid.",
    [])
add("nl-volgens", "Huren stijgen",
    "De huren in het centrum van Zeewolde-Noord stegen in een jaar met 11 procent. Jonge gezinnen "
    "kunnen er niet meer wonen, volgens woordvoerder Ingrid Mulder van de huurdersvereniging. "
    "„Het is onbetaalbaar geworden”, zei Mulder.",
    [q("Het is onbetaalbaar geworden", "Ingrid Mulder")])
add("nl-two-speakers", "Ruzie over windpark",
    "De gemeenteraad van Oosterend besprak het plan voor een windpark. „Het brengt banen en geld "
    "naar het dorp”, zei wethouder Kees Hendriks. „Niemand heeft ons iets gevraagd over het "
    "landschap”, reageerde raadslid Marloes de Wit. In april wordt gestemd.",
    [q("Het brengt banen en geld naar het dorp", "Kees Hendriks"),
     q("Niemand heeft ons iets gevraagd over het landschap", "Marloes de Wit")])
add("nl-surname-later", "Record bij de marathon",
    "Atlete Lotte van Leeuwen won de marathon van Havenstad in een parcoursrecord. „Ik heb het "
    "zwaar gehad in de laatste tien kilometer”, gaf Van Leeuwen toe na de finish.",
    [q("Ik heb het zwaar gehad in de laatste tien kilometer", "Lotte van Leeuwen")])
add("nl-pronoun", "Nieuwe museumdirecteur",
    "Eva Kuipers wordt in januari directeur van het stedelijk museum van Brederode. Zij wil de zalen "
    "openstellen voor scholen. „Een leeg museum heeft geen zin”, zei ze bij haar presentatie.",
    [q("Een leeg museum heeft geen zin", "ze", "Eva Kuipers")])
add("nl-aldus", "Staking vervoerders",
    "De vervoerders staken voor de derde dag. „We kunnen niet onder de kostprijs werken”, aldus "
    "voorzitter Gerrit Brouwer van de branchevereniging. Het ministerie heeft voor vrijdag overleg "
    "gepland.",
    [q("We kunnen niet onder de kostprijs werken", "Gerrit Brouwer")])
add("nl-sentence-before", "Buurt wil verkeerslicht",
    "Bewoners van de wijk Molenkamp haalden duizend handtekeningen op. Voorzitter Bea Dijkstra van de "
    "bewonersvereniging bracht ze naar het stadhuis. „Iemand moet naar ons luisteren voordat er een "
    "ongeluk gebeurt.” De gemeente bestudeert het verzoek.",
    [q("Iemand moet naar ons luisteren voordat er een ongeluk gebeurt.", "Bea Dijkstra")])
add("nl-curly-colon", "Minder toeristen in de winter",
    "Hoteliers in Strandwijk merken dat er minder gasten komen. Directeur Luuk Vermeulen van de "
    "ondernemersvereniging vatte het samen: “Deze winter hadden we de helft van de boekingen.” Men "
    "hoopt op Pasen.",
    [q("Deze winter hadden we de helft van de boekingen.", "Luuk Vermeulen")])
add("nl-long-quote", "Nieuw gezondheidscentrum",
    "Het gezondheidscentrum van Ommeland gaat in oktober open. „Er komen acht spreekkamers, een "
    "huisartsenpost en een oefenzaal voor revalidatie die er tot nu toe in de hele regio niet was”, "
    "zei gedeputeerde Petra Hoekstra.",
    [q("Er komen acht spreekkamers, een huisartsenpost en een oefenzaal voor revalidatie die er tot "
       "nu toe in de hele regio niet was", "Petra Hoekstra")])
add("nl-no-quote", "Regen in het noorden",
    "De regen van de afgelopen week heeft de waterstand in het noorden flink laten stijgen. Het KNMI "
    "verwacht in het weekend meer buien.",
    [])
add("nl-question", "Kookwedstrijd",
    "Het restaurant van de familie Postma won de regionale kookwedstrijd. „Wie had gedacht dat een "
    "stamppot ons zo ver zou brengen?”, vroeg kok Sjoerd Postma lachend.",
    [q("Wie had gedacht dat een stamppot ons zo ver zou brengen?", "Sjoerd Postma")])
add("nl-market", "Markthal gaat verbouwen",
    "De markthal van Lindeburg gaat twee maanden dicht voor een verbouwing. „De kramen komen "
    "vernieuwd en ruimer terug”, beloofde wethouder Ruud Koster.",
    [q("De kramen komen vernieuwd en ruimer terug", "Ruud Koster")])
add("nl-school", "School zonder telefoons",
    "Het Vechtdal Lyceum heeft mobiele telefoons in de pauze verboden. „De leerlingen voetballen "
    "weer”, vertelde rector Ahmed el Amrani.",
    [q("De leerlingen voetballen weer", "Ahmed el Amrani")])
add("nl-farmer", "Droogte op het land",
    "Boeren in de polder vrezen opnieuw een slechte oogst. „Als het in maart niet regent, verliezen "
    "we de tarwe”, waarschuwde akkerbouwer Hendrik Wolters (62).",
    [q("Als het in maart niet regent, verliezen we de tarwe", "Hendrik Wolters")])
add("nl-scientist", "Vondst in de grot",
    "Onderzoekers van de universiteit vonden rotstekeningen in een grot bij Maastricht. „Dit is een "
    "van de belangrijkste vondsten van het decennium”, zei archeoloog Tessa Brink.",
    [q("Dit is een van de belangrijkste vondsten van het decennium", "Tessa Brink")])
add("nl-zegt", "De haven verandert",
    "De jachthaven van Zuidstrand wordt binnen twee jaar uitgebreid. „We willen kleinere boten en "
    "minder beton”, zegt architect Willemijn Prins, die het ontwerp maakte.",
    [q("We willen kleinere boten en minder beton", "Willemijn Prins")])
add("nl-benadrukte", "Jazzfestival",
    "Het jazzfestival van Meerdorp sloot af met dertigduizend bezoekers. „Het was de mooiste editie "
    "ooit”, benadrukte festivaldirecteur Frank Mol.",
    [q("Het was de mooiste editie ooit", "Frank Mol")])
add("nl-added", "Nieuw fietspad",
    "Het fietspad langs de dijk is in mei klaar. „Het wordt het langste van de stad”, zei "
    "stadsarchitect Jeroen Smits. „En het veiligste”, voegde hij eraan toe.",
    [q("Het wordt het langste van de stad", "Jeroen Smits"), q("En het veiligste", "hij", "Jeroen Smits")])


# ------------------------------------------------------- written after the tuning, scored once
# These passages (ids ending in "-h") were written after the rules were tuned on the ones above
# and scored as they stand: the held-out part of each set.
add("es-ha-dicho-h", "La biblioteca abre los domingos",
    "La biblioteca municipal de Torreblanca abrirá también los domingos. «Queremos que la "
    "gente venga en familia», ha explicado la concejala de Cultura, Lucía Marín. «Y que se "
    "quede», ha añadido.",
    [q("Queremos que la gente venga en familia", "Lucía Marín"), q("Y que se quede", "Lucía Marín")])
add("es-colon-h", "Sube el precio del pan",
    "Los panaderos de Villaseca suben el precio de la barra. El presidente del gremio, Tomás "
    "Gil, lo resumió así: «La harina cuesta el doble que hace un año».",
    [q("La harina cuesta el doble que hace un año", "Tomás Gil")])
add("es-dialogue-h", "En la lonja",
    "A las seis de la mañana la lonja ya está llena.\n\n—Hoy ha entrado poca merluza —dice "
    "Manuel Iglesias, que lleva treinta años subastando pescado.",
    [q("Hoy ha entrado poca merluza", "Manuel Iglesias")])
add("es-title-h", "Una novela sobre el puerto",
    "La escritora presentó ayer «Las redes vacías», su tercera novela. El libro sale a la "
    "venta el lunes.",
    [])
add("es-pronoun-h", "Dimite el director del museo",
    "El director del museo, Andrés Soto, presentó su dimisión el jueves. «Me voy con la "
    "conciencia tranquila», afirmó él mismo ante la prensa.",
    [q("Me voy con la conciencia tranquila", "él", "Andrés Soto")])
add("it-ha-detto-h", "Il porto si allarga",
    "Il porto di Castelmare avrà un nuovo molo. «Sarà pronto entro due anni», ha detto il "
    "presidente dell'autorità portuale, Giorgio Leone.",
    [q("Sarà pronto entro due anni", "Giorgio Leone")])
add("it-colon-h", "Scuole chiuse per neve",
    "Le scuole di Valfonda resteranno chiuse domani. La sindaca Elena Conti ha spiegato: "
    "«Le strade non sono sicure per gli autobus».",
    [q("Le strade non sono sicure per gli autobus", "Elena Conti")])
add("it-follow-h", "Nuovo ospedale",
    "Il nuovo ospedale di Roccabruna aprirà a settembre. «Avremo duecento posti letto», ha "
    "annunciato l'assessore Paolo Greco. «E un pronto soccorso moderno», ha aggiunto.",
    [q("Avremo duecento posti letto", "Paolo Greco"), q("E un pronto soccorso moderno", "Paolo Greco")])
add("it-scare-h", "La cosiddetta estate lunga",
    "La cosiddetta «estate lunga» ha portato turisti fino a ottobre. Gli albergatori sono "
    "soddisfatti.",
    [])
add("it-name-first-h", "Mercato coperto",
    "Il mercato coperto riapre dopo i lavori. «Finalmente abbiamo un tetto nuovo», Maria Rossi "
    "ha raccontato ai clienti.",
    [q("Finalmente abbiamo un tetto nuovo", "Maria Rossi")])
add("nl-heeft-gezegd-h", "Nieuwe sporthal",
    "De gemeente Veenwijk bouwt een nieuwe sporthal. „Hij is klaar voor het nieuwe seizoen”, "
    "heeft wethouder Karin Smit gezegd.",
    [q("Hij is klaar voor het nieuwe seizoen", "Karin Smit")])
add("nl-colon-h", "Bus rijdt vaker",
    "De bus naar Oosterdijk rijdt vanaf maart elk kwartier. Woordvoerder Johan Bakker zei: "
    "„We zien steeds meer reizigers.”",
    [q("We zien steeds meer reizigers.", "Johan Bakker")])
add("nl-follow-h", "Markt verhuist",
    "De weekmarkt verhuist naar het plein bij de kerk. „Daar is meer ruimte”, zei "
    "marktmeester Sanne Visser. „En meer schaduw”, voegde ze eraan toe.",
    [q("Daar is meer ruimte", "Sanne Visser"), q("En meer schaduw", "ze", "Sanne Visser")])
add("nl-scare-h", "Zogenaamde groene golf",
    "De zogenaamde „groene golf” op de Ringweg werkt nog niet. Automobilisten staan vaak stil.",
    [])
add("nl-aldus-h", "Haven groeit",
    "De haven van Westerzand verwerkte dit jaar meer containers dan ooit. „Het was een record"
    "jaar”, aldus havendirecteur Erik Mulder.",
    [q("Het was een recordjaar", "Erik Mulder")])


def main() -> None:
    for lang, cases in P.items():
        write(f"passages-{lang}.jsonl", cases)


if __name__ == "__main__":
    main()
