"""Web pages of three made-up news sites, written by hand as such sites mark
up a story (navigation, adverts, scripts, comments, cookie banners, related
articles around it), and wire copy in NITF and NewsML-G2: the inputs of
the tests of articles as they arrive.

Each page's ``BODY`` sentences are the article; ``NOISE`` lists what is
on the page but must never reach the text annotty shows.
"""

from __future__ import annotations

from pathlib import Path

#: What surrounds the stories on every page and must be left out.
NOISE = (
    "Subscribe now", "We use cookies", "Accept all", "BUY NOW", "trackVisit", "Most read", "Storm hits coast",
    "troll42", "waste of money", "ADVERTISEMENT", "Sign up for our newsletter", "Share on", "All rights reserved",
    "Sport", "Weather", "Read next", "Top Stories",
)

# Site 1: an <article> element, OpenGraph meta tags and a canonical link.
LEDGER = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Council votes to reopen library | The Daily Ledger</title>
<link rel="canonical" href="https://ledger.example/news/2024/03/05/council-library">
<meta property="og:title" content="Council votes to reopen library">
<meta property="og:url" content="https://ledger.example/news/2024/03/05/council-library">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
<script>function trackVisit() { window.ads = "BUY NOW"; }</script>
<style>.banner { color: red; }</style>
</head><body>
<div class="cookie-banner" id="cookie-consent"><p>We use cookies to improve your experience.</p>
<button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/weather">Weather</a></li><li><a href="/subscribe">Subscribe now</a></li></ul></nav></header>
<div class="ad-slot"><p>ADVERTISEMENT</p></div>
<main>
<article>
<h1>Council votes to reopen library</h1>
<p class="byline">By <a href="/authors/jane-doe">Jane Doe</a></p>
<time datetime="2024-03-05">March 5, 2024</time>
<p>The city council voted 7-2 on Tuesday to reopen the Main Street library, which has been closed since the
flood of 2022.</p>
<p>"We will reopen in the spring," said Mayor Ayse Yilmaz, who proposed the plan last year.</p>
<p>The renovation will cost 2.4 million euros, paid for by a state grant and a local bond.</p>
<p>Residents had petitioned the council for months, collecting more than 4,000 signatures.</p>
</article>
<aside class="related"><h2>Read next</h2><ul><li><a href="/x">Storm hits coast</a></li></ul></aside>
</main>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Comment by troll42: this is a waste of money!</p></div></section>
<footer><p>Sign up for our newsletter</p><p>© 2024 The Daily Ledger. All rights reserved.</p></footer>
<script>trackVisit();</script>
</body></html>
"""
LEDGER_ARTICLE = {
    "headline": "Council votes to reopen library", "byline": "Jane Doe", "date": "2024-03-05",
    "url": "https://ledger.example/news/2024/03/05/council-library",
    "body": ("voted 7-2 on Tuesday to reopen the Main Street library", "We will reopen in the spring",
             "collecting more than 4,000 signatures"),
}

# Site 2: no <article>, a div class="story-body", byline and <time> in spans, a sidebar.
COURIER = """<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>Harbour strike ends after nine days - Northern Courier</title>
<meta name="description" content="Dock workers return on Monday.">
<link rel="canonical" href="https://www.northern-courier.example/business/harbour-strike-ends-1234">
<script type="text/javascript">var _gaq = _gaq || []; _gaq.push(['trackVisit']);</script>
</head><body class="story-page">
<div id="masthead"><a href="/">Northern Courier</a>
<ul class="menu"><li><a href="/news">Top Stories</a></li><li><a href="/sport">Sport</a></li></ul></div>
<div id="consent"><p>We use cookies. <a href="#">Accept all</a></p></div>
<div class="container">
<div class="story">
<h1 class="story-headline">Harbour strike ends after nine days</h1>
<div class="story-meta"><span class="byline__name">By Tomasz Kowalski and Ruth Okafor</span>
<span class="date"><time datetime="2023-11-18T16:20:00+00:00">18 November 2023</time></span></div>
<div class="story-body">
<p>ABERDEEN - Dock workers will return to work on Monday after the union accepted a pay offer of 6.5 per cent,
ending a nine-day strike that left dozens of ships waiting offshore.</p>
<div class="inline-ad">ADVERTISEMENT</div>
<p>"Nobody wins a strike like this, but our members have been heard," said union organiser Ruth Campbell.</p>
<!-- editor: check the figure with the port authority -->
<p>The Port Authority said it expected the backlog to clear within a week, and that no cargo had been lost.</p>
<div class="share-tools"><a>Share on Facebook</a> <a>Share on X</a></div>
<p>Shipping firms had warned that the dispute could cost the region's economy up to 3 million pounds a day.</p>
</div>
</div>
<div class="sidebar"><h3>Most read</h3><ol><li><a href="/a">Storm hits coast</a></li>
<li><a href="/b">Ferry fares to rise</a></li></ol></div>
</div>
<div id="newsletter"><p>Sign up for our newsletter</p></div>
<div class="footer">Copyright Northern Courier 2023. All rights reserved.</div>
</body></html>
"""
COURIER_ARTICLE = {
    "headline": "Harbour strike ends after nine days", "byline": "Tomasz Kowalski and Ruth Okafor",
    "date": "2023-11-18", "url": "https://www.northern-courier.example/business/harbour-strike-ends-1234",
    "dateline": "ABERDEEN",
    "body": ("the union accepted a pay offer of 6.5 per cent", "Nobody wins a strike like this",
             "expected the backlog to clear within a week", "up to 3 million pounds a day"),
}

# Site 3: the facts in schema.org JSON-LD (NewsArticle), generic divs around the text.
# Emoji, CJK and a right-to-left name in the story; written with CRLF line ends.
METRO = """<!doctype html>
<html><head><meta charset="utf-8"><title>Metro Wire</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Lantern festival draws record crowds",
 "author": [{"@type": "Person", "name": "Mei Lin"}],
 "datePublished": "2025-02-12T20:00:00+08:00",
 "mainEntityOfPage": {"@type": "WebPage", "@id": "https://metrowire.example/culture/lantern-festival"},
 "url": "https://metrowire.example/culture/lantern-festival",
 "publisher": {"@type": "Organization", "name": "Metro Wire"}}
</script>
<script>document.write("BUY NOW");</script>
</head><body>
<div class="topbar"><a href="/">Metro Wire</a> | <a href="/weather">Weather</a> | <a href="/s">Subscribe now</a></div>
<div class="gdpr"><span>We use cookies</span><button>Accept all</button></div>
<div class="page"><div class="col-main">
<h1 class="title">Lantern festival draws record crowds</h1>
<div class="author-info">Mei Lin · Feb 12, 2025</div>
<div class="content">
<p>More than 300,000 people 🏮 filled the old town on Wednesday for the Lantern Festival (元宵节), organisers said.</p>
<p>"It is the busiest night we have ever had," said shop owner 王小明, who sells rice dumplings near the river.</p>
<p>Visitors from abroad included a delegation led by the cultural attaché نورا الحسيني,
who called it "a night to remember" 🎉.</p>
<p>The festival marks the end of the Lunar New Year celebrations and continues until Sunday.</p>
</div>
<div class="related-posts"><h4>Read next</h4><a href="/x">Storm hits coast</a></div>
</div>
<div class="col-side"><div class="widget"><h4>Most read</h4><p>ADVERTISEMENT</p></div></div></div>
<div class="comments-area" id="disqus_thread"><p>troll42 wrote: what a waste of money</p></div>
<div class="site-footer">© Metro Wire. All rights reserved.</div>
</body></html>
""".replace("\n", "\r\n")
METRO_ARTICLE = {
    "headline": "Lantern festival draws record crowds", "byline": "Mei Lin", "date": "2025-02-12",
    "url": "https://metrowire.example/culture/lantern-festival",  # from the JSON-LD: no canonical link
    "body": ("More than 300,000 people 🏮 filled the old town", "元宵节", "shop owner 王小明",
             "نورا الحسيني", "a night to remember\" 🎉", "continues until Sunday"),
}

NITF = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE nitf SYSTEM "nitf-3-6.dtd">
<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/" version="-//IPTC//DTD NITF 3.6//EN">
 <head>
  <title>Flood defences hold as river peaks</title>
  <docdata management-status="usable">
   <doc-id id-string="WIRE-2024-0412"/>
   <date.issue norm="20240412T061500Z"/>
  </docdata>
 </head>
 <body>
  <body.head>
   <hedline><hl1>Flood defences hold as river peaks</hl1><hl2>Thousands stay home</hl2></hedline>
   <byline>By <person>Marta Nowak</person>, <byttl>Wire Staff</byttl></byline>
   <dateline><location>KRAKÓW</location>, <story.date norm="20240412">April 12</story.date></dateline>
  </body.head>
  <body.content>
   <p>The Vistula peaked overnight at 7.8 metres, officials said, and the new walls held.</p>
   <media media-type="image"><media-caption><p>Sandbags on the bank.</p></media-caption></media>
   <hl2>Evacuations</hl2>
   <block><p>“We are not out of danger yet,” said mayor Aleksander Miszalski.</p></block>
  </body.content>
  <body.end><tagline>Reporting by Marta Nowak; editing by Wire Desk</tagline></body.end>
 </body>
</nitf>
"""

NEWSML_G2 = """<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
 <header><sent>2024-06-01T10:05:00Z</sent></header>
 <itemSet>
  <newsItem guid="urn:newsml:wire.example:20240601:ELECTION-01" version="1" standard="NewsML-G2"
            standardversion="2.33" conformance="power" xml:lang="en">
   <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_38.xml"/>
   <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:WIRE"/>
    <versionCreated>2024-06-01T10:00:00Z</versionCreated>
    <firstCreated>2024-06-01T09:30:00Z</firstCreated>
    <pubStatus qcode="stat:usable"/>
   </itemMeta>
   <contentMeta>
    <contentCreated>2024-06-01T09:15:00+02:00</contentCreated>
    <located qcode="geo:2950159"><name>Berlin</name></located>
    <creator><name>Lena Schmidt</name></creator>
    <headline>Turnout rises in state elections</headline>
    <by>By Lena Schmidt</by>
    <dateline>BERLIN, June 1</dateline>
    <description role="drol:summary">Early figures show the highest turnout in 20 years.</description>
   </contentMeta>
   <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
     <html xmlns="http://www.w3.org/1999/xhtml">
      <head><title>Turnout rises in state elections</title></head>
      <body>
       <h1>Turnout rises in state elections</h1>
       <p>Turnout reached 71 percent by midday, the electoral office said.</p>
       <p>“People want their say,” said election officer Jürgen Weiß.</p>
      </body>
     </html>
    </inlineXML>
   </contentSet>
  </newsItem>
 </itemSet>
</newsMessage>
"""


def write_pages(folder: Path) -> dict[str, dict]:
    """The three sites' pages written into ``folder``: file name -> expected article."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = {"ledger.html": (LEDGER, LEDGER_ARTICLE), "courier.htm": (COURIER, COURIER_ARTICLE),
             "metro.html": (METRO, METRO_ARTICLE)}
    for name, (page, _expected) in pages.items():
        (folder / name).write_bytes(page.encode("utf-8"))
    return {name: expected for name, (_page, expected) in pages.items()}
