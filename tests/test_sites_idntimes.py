"""The IDN Times module on markup variants beyond the fixture page."""

from __future__ import annotations

from kabar.extract.page import extract_page

URL = "https://www.idntimes.com/news/indonesia/judul-berita-00-ab12c-d34e5f"
LONG = "dengan kalimat panjang tentang netralitas aparatur sipil negara di wilayah kota"

NEXTJS_META_ONLY = f"""<html><head>
<meta name="content_creator_fullname" content="Deti Mega Purnamasari">
<meta name="content_editor" content="Dwi Agustiar">
<meta name="content_subcategory" content="Indonesia">
<meta name="content_published_date" content="2024-07-17 21:05:33">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Judul Berita",
 "keywords": ["Pilkada", "Update me"]}}</script>
</head><body><main><article>
<h1 data-cy="article-title">Judul Berita</h1>
<div id="article-description">
<p class="article-text"><strong>Jakarta, IDN Times</strong> - Paragraf pertama {LONG}.</p>
<div class="baca-juga"><span>Baca Juga: </span><a href="/x">Judul Lain</a></div>
<h2 class="article-subtitle">1. Subjudul bernomor adalah isi</h2>
<figure class="article-image"><img src="a.jpg"><figcaption>Ilustrasi. IDN Times/Riyanto.</figcaption></figure>
<p class="article-text">Paragraf kedua {LONG}.</p>
</div>
<div class="article-topic"><span>Topik:</span>
<ul><li><a data-cy="ds-tag" href="/tag/x">Pilkada</a></li></ul></div>
</article>
<section class="latest-news"><h2>Berita Terkini Lainnya</h2></section></main></body></html>"""


def test_meta_tags_fill_what_the_page_does_not_show() -> None:
    record = extract_page(NEXTJS_META_ONLY, URL, facts=False)
    assert record["extraction"] == "site:idntimes"
    assert record["authors"] == ["Deti Mega Purnamasari"] and record["editors"] == ["Dwi Agustiar"]
    assert record["published_at"] == "2024-07-17T21:05:33+07:00"  # local time without zone = WIB
    assert record["section"] == "Indonesia"
    assert record["tags"] == ["Pilkada"]  # "Update me" is a CMS placeholder
    assert record["text"].split("\n") == [
        f"Jakarta, IDN Times - Paragraf pertama {LONG}.",
        "1. Subjudul bernomor adalah isi",
        f"Paragraf kedua {LONG}.",
    ]


def test_2021_template() -> None:
    html = f"""<html><head><title>Judul Lama | IDN Times</title></head><body>
    <ol class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/business">Business</a></li>
    <li class="gimmick"><time class="date" datetime="09 Aug 21 | 07:44">09 Aug 21 | 07:44</time></li></ol>
    <h1 class="title-text">Judul Lama</h1><div class="excerpt">Ringkasan singkat</div>
    <div class="author-name"><a href="/author/rehia">Rehia Indrayanti Br Sebayang</a></div>
    <article id="article-content" class="content-post-description">
    <p><strong>Jakarta, IDN Times</strong> - Paragraf pertama {LONG}.</p>
    <p>Paragraf kedua {LONG}.</p></article></body></html>"""
    record = extract_page(html, "https://www.idntimes.com/business/finance/rehia/judul-lama", facts=False)
    assert record["extraction"] == "site:idntimes"
    assert record["title"] == "Judul Lama"
    assert record["authors"] == ["Rehia Indrayanti Br Sebayang"]
    assert record["published_at"] == "2021-08-09T07:44:00+07:00"
    assert record["text"].startswith("Jakarta, IDN Times - Paragraf pertama")
    assert "Ringkasan" not in record["text"]


def test_2021_template_sections_keep_their_text_and_lose_captions_and_ads() -> None:
    # the shape of a real 2021 page: numbered sections in div.split-page, each opening with an
    # image and its caption (span.main-article-source), an in-article ad slot, page markers
    html = f"""<html><head><title>Judul Lama | IDN Times</title></head><body>
    <ol class="breadcrumb"><li class="gimmick"><time class="date" datetime="09 Aug 21 | 07:44">
    09 Aug 21 | 07:44</time></li></ol><h1 class="title-text">Judul Lama</h1>
    <article id="article-content" class="content-post-description">
    <p><strong>Jakarta, IDN Times </strong>-&nbsp;Paragraf pertama {LONG}.</p>
    <p><a href="/x"><strong><em>Baca Juga: Judul Artikel Lain</em></strong></a></p>
    <div class='show-page' target='1'></div><div class='split-page split-page1 open' data-target='1'>
    <div class="inarticle-ads"><div id="div-gpt-ad-inarticle1"><script>x()</script></div></div>
    <h2>1. Awal mula usaha</h2><div class="embed-image"><img src="a.jpg">
    <span class="main-article-source">Usaha cetak kartu - Fulan Bin Fulan</span></div>
    <p>Paragraf kedua {LONG}.</p></div><div class='show-page hide' target='2'></div>
    <div class='split-page split-page2' data-target='2'><h2>2. Berkolaborasi dengan UMKM</h2>
    <div class="embed-image"><img src="b.jpg"><span class="main-article-source">Foto - Fulan</span></div>
    <p>Paragraf ketiga {LONG}.</p></div></article></body></html>"""
    record = extract_page(html, "https://www.idntimes.com/business/finance/fulan/judul-lama", facts=False)
    assert record["extraction"] == "site:idntimes"
    assert record["published_at"] == "2021-08-09T07:44:00+07:00"
    assert record["text"].split("\n") == [
        f"Jakarta, IDN Times - Paragraf pertama {LONG}.",
        "1. Awal mula usaha",
        f"Paragraf kedua {LONG}.",
        "2. Berkolaborasi dengan UMKM",
        f"Paragraf ketiga {LONG}.",
    ]


def test_2018_template_body_by_class_alone() -> None:
    # no real pre-2020 page was found; a 2018-era public scraper selects the body by its class
    # (article.content-post-description), without the 2021 id
    html = f"""<html><head><title>Anggaran Rumah Dinas | IDN Times</title></head><body>
    <h1 class="title-text">Anggaran Rumah Dinas</h1><div class="excerpt">Ringkasan singkat</div>
    <div class="author-name"><a href="/author/fulan">Fulan Bin Fulan</a></div>
    <article class="content-post-description">
    <p><strong>Jakarta, IDN Times</strong> - Paragraf pertama {LONG}.</p>
    <p>Paragraf kedua {LONG}.</p></article></body></html>"""
    url = "https://www.idntimes.com/news/indonesia/fulan/anggaran-rumah-dinas"
    record = extract_page(html, url, facts=False)
    assert record["extraction"] == "site:idntimes"
    assert record["title"] == "Anggaran Rumah Dinas" and record["authors"] == ["Fulan Bin Fulan"]
    lines = [f"Jakarta, IDN Times - Paragraf pertama {LONG}.", f"Paragraf kedua {LONG}."]
    assert record["text"].split("\n") == lines


# The 2019 template (BEM classes, div#article-content) behind a self-closed ``<html … />`` start tag.
TEMPLATE_2019 = f"""
<!DOCTYPE html>
<html class="no-js" lang="id" itemscope itemtype="//schema.org/WebSite" />
<head><title>Judul Lama - IDN Times</title></head><body>
<article class="article content-insights">
<header id="article-header" class="article__header">
<h1 class="article__title">Judul Lama</h1>
<p class="article__excerpt">Dek yang bukan isi berita</p>
<div class="article__cover"><span class="main-article-source">sumberfoto.com</span></div>
</header>
<div class="article__date"><time datetime="2019-01-21">21 Januari 2019 </time></div>
<div id="article-content" class="article__content">
<p>Paragraf pertama {LONG}.</p>
<h2>1. Subjudul</h2><div class="embed-image"><img src="a.jpg">
<span class="main-article-source">kredit.com</span></div>
<div class="editors-pick"><div class="title"><span>Lanjutkan membaca artikel di bawah</span></div>
<h3 class="title-editors-pick">Editors' picks</h3>
<ul><li><a href="/a">Judul pilihan redaksi yang lain</a></li></ul></div>
<p>Paragraf kedua {LONG}.</p>
</div></article></body></html>"""


def test_the_2019_template_behind_a_self_closed_html_tag_gives_its_article() -> None:
    record = extract_page(TEMPLATE_2019, "https://www.idntimes.com/food/recipe/fulan/judul-lama", facts=False)
    assert record["extraction"] == "site:idntimes" and record["error"] is None
    assert record["title"] == "Judul Lama"
    assert record["published_at"].startswith("2019-01-21")
    assert record["text"].split("\n") == [
        f"Paragraf pertama {LONG}.",
        "1. Subjudul",
        f"Paragraf kedua {LONG}.",
    ]
