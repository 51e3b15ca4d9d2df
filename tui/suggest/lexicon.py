"""Word lists for the built-in suggester, English and Spanish.

Small on purpose: cues that tie a quote to its speaker, words that mark an
organisation or a place, titles, function words that are capitalised only
because they start a sentence, and a short list of countries and cities.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrases(text: str) -> frozenset[str]:
    return frozenset(p.strip() for p in text.split("|") if p.strip())


# The cues of attribution and the pronouns live with the attribution engine.
from ..attribution.lexicon import PRONOUNS, SOURCE_FIRST_CUES, SPEECH_CUES  # noqa: E402,F401

#: Titles before a person's name; abbreviations are written without their dot.
TITLES = _words("""
Mr Mrs Ms Dr Gen Maj Col Lt Capt Sgt Adm Cmdr Brig Sen Rep Gov Prof Rev Fr Sr Sra Srta Dña Don Doña
President Minister Premier Chancellor King Queen Prince Princess Pope Sheikh General Colonel Major
Captain Sergeant Admiral Senator Governor Mayor Judge Justice Secretary Ambassador Lord Lady Sir Dame
Presidente Ministro Ministra Rey Reina Príncipe Papa Señor Señora
""")

#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = _words("""
Mr Mrs Ms Dr Gen Maj Col Lt Capt Sgt Adm Cmdr Brig Sen Rep Gov Prof Rev Fr Jr Sr Sra Srta Dña St Mt No
vs etc Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Co Corp Inc Ltd Av Avda núm
""")

#: Lower-case words before a name that make it a person ("president X", "el entrenador X").
PERSON_ROLES = _words("""
president minister spokesman spokeswoman spokesperson leader commander chief coach general secretary
senator governor mayor judge director manager chairman chairwoman ceo ambassador envoy king queen prince
pope player striker author writer journalist photographer reporter correspondent colleague wife husband
son daughter brother sister father mother candidate actor actress singer
presidente presidenta ministro ministra portavoz líder comandante jefe jefa entrenador técnico secretario
secretaria senador senadora gobernador gobernadora alcalde alcaldesa juez jueza directora embajador
embajadora rey reina príncipe papa jugador jugadora tenista delantero portero escritor escritora
periodista fotógrafo corresponsal colega esposa marido hijo hija hermano hermana padre madre candidato
candidata representante señor señora don doña dirigente opositor campeón campeona compañero compañera
cantante actor actriz capitán
""")

#: Words inside a capitalised name that make it an organisation.
ORG_WORDS = _words("""
Forces Force Coalition Council Ministry Party Observatory Group Inc Corp Corporation Ltd Company Bank
University College Committee Commission Agency Army Navy Police Association Federation Union Institute
Foundation Organization Organisation Department Office Court Congress Senate Parliament Assembly
Government Front Movement Club FC News Press Times Post Journal Herald Reuters AFP AP TV Television
Radio Society Brigade Brigades Militia Network Airlines Airways Authority Board Bureau Service Services
Fund Church State Nations Cabinet Directorate Secretariat Team Guard Guards Unit Command
Fuerzas Fuerza Coalición Consejo Ministerio Partido Observatorio Grupo Compañía Banco Universidad Comité
Comisión Agencia Ejército Policía Asociación Federación Unión Instituto Fundación Organización
Departamento Oficina Tribunal Congreso Senado Parlamento Asamblea Gobierno Frente Movimiento Club
Cámara Defensoría Embajada Ejecutivo Naciones Sport Sociedad Televisión Empresa Confederación Sindicato
Real Atlético Deportivo Estado Junta Guardia Audiencia Diputación Generalitat Ayuntamiento Corporación
Fiscalía Red
""")

#: Organisation words that make an organisation on their own ("el Congreso").
ORG_ALONE = _words("""
Congress Senate Parliament Government Army Navy Police Pentagon Kremlin Cabinet Reuters AFP AP
Congreso Senado Parlamento Gobierno Ejército Armada Policía Embajada Estado Ejecutivo Comisión Cámara
Ayuntamiento Generalitat Fiscalía
""")

#: Lower-case words before a name that make it an organisation ("el partido X", "la agencia Efe").
ORG_ROLES = _words("""
party agency company newspaper daily group network channel bank firm club team organisation
organization union
partido agencia empresa compañía diario periódico cadena canal grupo banco club equipo organización
sindicato federación asociación revista emisora
""")

#: Words inside a capitalised name that make it an event or a work (MISC).
MISC_WORDS = _words("""
Olympics Olympic Games Cup Championship Championships Open Summit War Conference Prize Award Awards
Festival Trophy League Series Tournament Grand Prix Treaty Accord Agreement Act Plan
Juegos Copa Liga Cumbre Campeonato Mundial Abierto Guerra Conferencia Premio Festival Trofeo Torneo
Tratado Acuerdo Balón Olimpiada Olímpicos Mundiales
""")

#: Words inside a name that make it a place.
LOC_WORDS = _words("""
River Mountains Mountain Mount Province Street Avenue Square Island Islands Valley Lake Sea Ocean Gulf
Bay Desert Peninsula Stadium Airport Bridge Strait Canal Coast Heights Hills Park Plaza Palace
Río Montaña Montañas Monte Mont Provincia Calle Avenida Plaza Isla Islas Valle Lago Mar Océano Golfo
Bahía Desierto Península Estadio Aeropuerto Puente Estrecho Canal Costa Sierra Palacio Parque Región
""")

#: Lower-case words right after a name that make it a place ("Deir Ezzor province").
LOC_AFTER = _words("""
province region city town village district county state governorate border area river valley
provincia región ciudad pueblo localidad distrito municipio comarca
""")

#: Prepositions before a single capitalised word that make it a place.
LOC_PREPOSITIONS = _words("in near of from outside inside across en de desde hacia hasta cerca")

#: Lower-case words that may join the capitalised words of one name.
CONNECTORS = _words("de del la las los of for the van von der den di da dos das du le dello della")
#: Those that may join only after another connector ("de la", "of the").
WEAK_CONNECTORS = _words("the la las los le")

#: Capitalised only because they start a sentence (or a quotation).
FUNCTION_WORDS = _words("""
The A An But And Or In On At By For From To Of With As If When While After Before Since During Until
He She It They We I You His Her Its Their Our My Your This That These Those There Here What Who Whom
Which Why How More Most Many Much Some Any All No Not Nor Yet So Also Still However Meanwhile Then Now
Thus Such Each Every Both Either Neither Other Another One Two Three Only Even Just Under Over Into
Through Against Among Between Without Within About Above Below Despite Although Though Because Unless
Whether Where Once Mr Mrs Ms Yes Let
El La Los Las Un Una Unos Unas De Del En Con Por Para Pero Y O Sin Sobre Entre Desde Hasta Según Tras
Ante Así Esta Este Estos Estas Esa Ese Esos Esas Esto Eso Aquel Aquella Su Sus Al A Lo Se No Sí Hoy
Ayer Mañana Cuando Como Que Qué Si También Todos Todo Toda Todas Hay Ha Han Es Fue Son Él Ella Ellos
Ellas Nosotros Mi Me Le Les Nos Ya Otro Otra Otros Otras Cada Dentro Durante Mientras Aunque Porque
Donde Respecto Uno Dos Tres Ni Muy Más Menos Tanto Tan Sólo Solo Bien Además Luego Entonces Después
Antes Allí Aquí Ahora Nunca Siempre Casi Quien Quienes Cual Cuales Cuyo Hace Tiene Tienen Era Están
Está Ser Haber Señor Señora
""")

MONTHS_EN = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
]
MONTH_ABBR_EN = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
WEEKDAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS_ES = [
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "setiembre", "octubre",
    "noviembre", "diciembre",
]
MONTH_ABBR_ES = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "sept", "oct", "nov", "dic"]
WEEKDAYS_ES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]

#: Not names even when capitalised: months and weekdays (dates have their own rule).
CALENDAR_WORDS = frozenset(
    MONTHS_EN + MONTH_ABBR_EN + WEEKDAYS_EN + [w.capitalize() for w in MONTHS_ES + WEEKDAYS_ES]
)

#: Nationalities and groups (MISC), English; Spanish writes them in lower case.
DEMONYMS = _words("""
American British French German Spanish Italian Russian Chinese Japanese Syrian Iraqi Iranian Israeli
Palestinian Lebanese Turkish Kurdish Kurd Kurds Arab Arabs Arabic Egyptian Saudi Afghan Pakistani Indian
African European Asian Western Eastern Muslim Muslims Christian Christians Jewish Jews Sunni Shia
Shiite Alawite Yazidi Ukrainian Polish Mexican Cuban Canadian Brazilian Venezuelan Peruvian Colombian
Argentine Argentinian Chilean Greek Dutch Belgian Swiss Swedish Norwegian Danish Irish Scottish English
Welsh Australian Korean Vietnamese Nigerian Somali Sudanese Yemeni Jordanian Qatari Emirati Libyan
Tunisian Algerian Moroccan Catholic Protestant Democrat Democrats Republican Republicans Islamist
Islamists Jihadist Jihadists Hispanic Latino Latin
""")

#: Countries, regions and large cities, English and Spanish (a short list, not a gazetteer).
PLACES = _phrases("""
Afghanistan | Albania | Algeria | Angola | Argentina | Armenia | Australia | Austria | Azerbaijan |
Bahrain | Bangladesh | Belarus | Belgium | Bolivia | Bosnia | Brazil | Britain | Great Britain |
Bulgaria | Burma | Cambodia | Cameroon | Canada | Chad | Chile | China | Colombia | Congo | Croatia |
Cuba | Cyprus | Czech Republic | Denmark | Ecuador | Egypt | El Salvador | England | Eritrea | Estonia |
Ethiopia | Europe | Africa | Asia | America | North America | South America | Latin America | Finland |
France | Germany | Ghana | Greece | Guatemala | Haiti | Honduras | Hungary | Iceland | India |
Indonesia | Iran | Iraq | Ireland | Israel | Italy | Japan | Kazakhstan | Kenya | Korea |
North Korea | South Korea | Kosovo | Kuwait | Lebanon | Libya | Lithuania | Latvia | Luxembourg |
Malaysia | Mali | Mexico | Moldova | Mongolia | Morocco | Mozambique | Myanmar | Nepal | Netherlands |
New Zealand | Nicaragua | Niger | Nigeria | Norway | Oman | Pakistan | Palestine | Panama | Paraguay |
Peru | Philippines | Poland | Portugal | Qatar | Romania | Russia | Rwanda | Saudi Arabia | Scotland |
Senegal | Serbia | Sierra Leone | Singapore | Slovakia | Slovenia | Somalia | South Africa | Spain |
Sri Lanka | Sudan | South Sudan | Sweden | Switzerland | Syria | Taiwan | Tanzania | Thailand |
Tunisia | Turkey | Uganda | Ukraine | United Kingdom | United States | United Arab Emirates | Uruguay |
Uzbekistan | Venezuela | Vietnam | Wales | Yemen | Yugoslavia | Zambia | Zimbabwe | Middle East |
Gaza | West Bank | Crimea | Chechnya | Balkans | Kurdistan |
Beirut | Damascus | Baghdad | Aleppo | Raqqa | Mosul | Kabul | Tehran | Cairo | Jerusalem | Tel Aviv |
Istanbul | Ankara | Moscow | Kiev | Kyiv | London | Paris | Berlin | Madrid | Barcelona | Rome |
Milan | Lisbon | Brussels | Amsterdam | Rotterdam | Vienna | Geneva | Zurich | Washington |
New York | Los Angeles | Chicago | Boston | San Francisco | Miami | Toronto | Montreal | Ottawa |
Mexico City | Havana | Bogota | Bogotá | Lima | Caracas | Quito | Santiago | Buenos Aires |
Montevideo | Sao Paulo | São Paulo | Rio de Janeiro | Brasilia | Tokyo | Beijing | Shanghai |
Hong Kong | Seoul | Pyongyang | Delhi | New Delhi | Mumbai | Karachi | Islamabad | Dhaka | Bangkok |
Jakarta | Manila | Sydney | Melbourne | Nairobi | Lagos | Johannesburg | Cape Town | Addis Ababa |
Khartoum | Tripoli | Tunis | Algiers | Rabat | Dubai | Riyadh | Doha | Athens | Warsaw | Prague |
Budapest | Stockholm | Oslo | Copenhagen | Helsinki | Dublin | Edinburgh |
Afganistán | Alemania | Arabia Saudí | Arabia Saudita | Argelia | Bélgica | Brasil | Camboya |
Canadá | Corea | Costa Rica | Croacia | Dinamarca | Egipto | Escocia | Eslovaquia | Eslovenia |
España | Estados Unidos | EEUU | EE.UU. | Etiopía | Europa | África | América | Latinoamérica |
Sudamérica | Centroamérica | Norteamérica | Filipinas | Finlandia | Francia | Gales | Grecia |
Holanda | Hungría | Inglaterra | Irak | Iraq | Irán | Irlanda | Islandia | Italia | Japón | Jordania |
Kenia | Líbano | Libia | Lituania | Marruecos | México | Noruega | Nueva Zelanda | Países Bajos |
Pakistán | Palestina | Panamá | Perú | Polonia | Reino Unido | República Checa | República Dominicana |
Rumanía | Rusia | Sierra Leona | Siria | Sudáfrica | Suecia | Suiza | Tailandia | Túnez | Turquía |
Ucrania | Chechenia | Balcanes | Oriente Medio | Oriente Próximo | Cisjordania |
Londres | París | Berlín | Roma | Lisboa | Bruselas | Ginebra | Moscú | Pekín | Nueva York |
La Habana | Sevilla | Valencia | Bilbao | Zaragoza | Málaga | Santander | Murcia | Bagdad | Damasco |
Jerusalén | Tokio | El Cairo | Estambul | Atenas | Varsovia | Praga | Estocolmo | Viena
""")

#: Acronyms of places (the other acronyms are taken as organisations).
PLACE_ACRONYMS = _phrases("US | U.S. | USA | U.S.A. | UK | U.K. | UAE | EEUU | EE.UU. | DRC")

#: Hyphenated endings cut off a name: "Kurdish-led", "Britain-based", "IS-controlled".
HYPHEN_SUFFIXES = _words("""
led based run born held owned backed style era speaking made funded allied linked affiliated
controlled occupied dominated majority friendly wide
""")

#: Words counted as quantities after a number: "37,000 people", "3,200 suspected jihadis".
QUANTITY_WORDS = _words("""
people persons civilians soldiers troops fighters militants jihadis jihadists residents refugees
migrants children women men deaths dead killed wounded injured casualties victims votes voters
members times dollars euros pounds yen yuan rubles pesos tonnes tons barrels km kilometres kilometers
miles metres meters acres hectares square families homes houses jobs workers students patients
cases doses vehicles aircraft planes ships boats weapons rockets missiles bombs airstrikes strikes
seats points goals
personas civiles soldados tropas combatientes milicianos residentes habitantes refugiados migrantes
niños mujeres hombres muertos fallecidos heridos víctimas votos votantes miembros veces dólares euros
pesetas libras pesos toneladas barriles kilómetros millas metros hectáreas familias viviendas casas
empleos trabajadores estudiantes pacientes casos vehículos aviones barcos armas cohetes misiles bombas
escaños puntos goles diputados agentes policías detenidos
""")

#: Number words, spelled out.
NUMBER_WORDS = _words("""
two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty sixty seventy
eighty ninety hundred hundreds thousand thousands million millions billion billions dozen dozens
dos tres cuatro cinco seis siete ocho nueve diez once doce veinte treinta cuarenta cincuenta sesenta
setenta ochenta noventa cien cientos mil miles millón millones billón
""")

PERCENT_WORDS = _phrases("percent | per cent | percentage points | por ciento | puntos porcentuales")
