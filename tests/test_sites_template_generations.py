"""Site modules read every known generation of their sites' templates (issue 10:
a target site must never lose an article to a template generation).  Synthetic pages with our
own text, laid out as the 2018 markup of tempo.co and republika.co.id and the 2016 markup of
detikNews was."""

from __future__ import annotations

from kabar.extract.page import extract_page

PARAS = [
    "Pemerintah kota membuka posko pengaduan bagi warga yang belum menerima bantuan air bersih pekan ini.",
    "Kepala dinas mengatakan posko buka setiap hari mulai pukul delapan pagi hingga pukul empat sore.",
    "Warga cukup membawa kartu keluarga dan menunjukkan bukti tempat tinggal kepada petugas di posko.",
    "Menurut dia, seluruh pengaduan akan ditindaklanjuti paling lambat tiga hari setelah diterima petugas.",
]
ALT = "Warga antre air bersih di posko bantuan kelurahan, Senin (30/4)."


def test_tempo_2018_article_template() -> None:
    html = f"""<html><head><title>Posko Pengaduan Air Bersih Dibuka - Tempo.co</title>
    <meta property="article:published_time" content="2018-05-01T19:25:48+07:00"></head><body>
    <h1>Fokus</h1><h1>Fokus</h1>
    <article itemscope itemtype="http://schema.org/NewsArticle">
    <h1 itemprop="headline">Posko Pengaduan Air Bersih Dibuka</h1>
    <div class="sub-head"><div id="author" class="author">Reporter: <h4 itemprop="author">Fulan</h4></div>
    <span id="date" class="date" itemprop="datePublished">Selasa, 1 Mei 2018 19:25 WIB</span></div>
    <figure><img src="a.jpg" alt="{ALT}"><figcaption><p>{ALT}</p></figcaption></figure>
    <div id="isi" itemprop="articleBody">
    <p><strong>TEMPO.CO</strong>, <strong>Jakarta</strong> - {PARAS[0]}</p><p>{PARAS[1]}</p>
    <p><strong><em>Artikel lainnya:&nbsp;</em></strong><br><strong><em><a href="/read/1">Harga Beras
    Turun di Pasar Induk Kota<br></a><a href="/read/2">Jalan Lingkar Selatan Mulai Dibangun Tahun Ini</a>
    </em></strong></p>
    <div class="img-gal item-img"><div class="img-gal-image"><img src="b.jpg" alt="Petugas di posko"></div>
    <div class="img-gal-caption">Petugas mencatat pengaduan warga di posko.</div></div>
    <p><em><strong>Baca juga:&nbsp;<a href="/read/3">Warga Keluhkan Air Keruh</a></strong></em></p>
    <div id="inarticle"><script>ads()</script></div>
    <p>{PARAS[2]}</p><p>{PARAS[3]}</p></div>
    <div class="tags"><li><a href="/tag/air">Air Bersih</a></li><li><a href="/tag/posko">Posko</a></li></div>
    </article></body></html>"""
    record = extract_page(
        html, "https://metro.tempo.co/read/1084818/posko-pengaduan-air-bersih-dibuka", facts=False
    )
    assert record["extraction"] == "site:tempo"
    assert record["title"] == "Posko Pengaduan Air Bersih Dibuka"
    assert record["published_at"] == "2018-05-01T19:25:48+07:00"
    assert record["text"].split("\n") == [f"TEMPO.CO, Jakarta - {PARAS[0]}", *PARAS[1:]]


def test_republika_2018_article_template() -> None:
    html = f"""<html><head><title>Posko Pengaduan Air Bersih Dibuka | Republika Online</title></head><body>
    <h1><a href="/">Republika</a></h1>
    <div class="wrap_detail"><div class="wrap_detail_set">
    <div class="breadcome"><ul><li><a href="/">Home</a> &gt; </li>
    <li><a href="/kanal/news">News</a></li></ul></div>
    <h1>Posko Pengaduan Air Bersih Dibuka</h1>
    <div class="date_detail"><p>Selasa   01 May 2018  05:27 WIB</p></div>
    <div class="by"><span><p>Rep: Fulan/ Red: Fulanah</p></span></div></div>
    <div class="wrap_detail_set_conten"><div class="set_conten_detail"><div class="detail_img_set">
    <div class="img_detail"><img src="a.jpg" alt="Warga antre air"></div>
    <div class="img_set_teaser"><div class="img_set_teaser_left"><p>Warga antre air</p></div>
    <div class="img_set_teaser_right">Foto: Antara</div></div>
    <div class="teaser_detail"><div class="artikel" itemprop="articleBody">
    <div class="taiching"><b>Posko buka setiap hari hingga akhir bulan.</b></div>
    <p><p>REPUBLIKA.CO.ID, JAKARTA -- {PARAS[0]}</p><p></p>
    <div class="ads detail_text"><script>ads()</script></div>
    <p>{PARAS[1]}</p><p></p><p>{PARAS[2]}</p></p><p><p>{PARAS[3]}</p><p></p></p>
    <div class="content-revision"></div></div></div></div></div></div></div>
    <h1>air bersih</h1><h1>posko</h1></body></html>"""
    record = extract_page(
        html, "https://republika.co.id/berita/p80poa284/posko-pengaduan-air-bersih-dibuka", facts=False
    )
    assert record["extraction"] == "site:republika"
    assert record["title"] == "Posko Pengaduan Air Bersih Dibuka"
    assert record["published_at"][:16] == "2018-05-01T05:27"
    assert record["text"].split("\n") == [f"REPUBLIKA.CO.ID, JAKARTA -- {PARAS[0]}", *PARAS[1:]]


def test_detik_2016_news_template() -> None:
    story = "<br><br>".join(PARAS)
    html = f"""<html><head><title>Posko Pengaduan Air Bersih Dibuka</title></head><body>
    <div class="detail_content"><div class="jdl"><div class="date">Selasa 09 Feb 2016, 00:27 WIB</div>
    <h1>Posko Pengaduan Air Bersih Dibuka</h1><div class="author">Fulan - detikNews</div></div>
    <div class="pic_artikel"><img src="a.jpg" alt=""><span>Foto: Ilustrasi</span></div>
    <div class="detail_text"><b>Jakarta</b> - {story}<br><strong>(hri/hri)</strong>
    <div class="newstag"><script>ads()</script></div></div></div></body></html>"""
    record = extract_page(
        html, "http://news.detik.com/berita/3137189/posko-pengaduan-air-bersih-dibuka", facts=False
    )
    assert record["extraction"] == "site:detik"
    assert record["title"] == "Posko Pengaduan Air Bersih Dibuka" and record["authors"] == ["Fulan"]
    assert record["published_at"][:16] == "2016-02-09T00:27"
    assert (
        record["text"].split("\n") == [f"Jakarta - {PARAS[0]}", *PARAS[1:]]
        and record["signoff"] == "(hri/hri)"
    )


def test_a_box_removed_from_a_br_story_leaves_the_paragraphs_apart() -> None:
    """An embed between two <br>-separated paragraphs of a site module's body: the paragraph
    after it is a line of its own, not glued to the one before."""
    embed = "<div class='sisip_embed_sosmed'><blockquote class='instagram-media'>kiriman</blockquote></div>"
    story = "<br><br>".join(PARAS[:2]) + embed + "<br><br>".join(PARAS[2:])
    html = f"""<html><head><title>Posko Pengaduan Air Bersih Dibuka</title></head><body>
    <div class="jdl"><h1>Posko Pengaduan Air Bersih Dibuka</h1>
    <div class="date">Selasa 01 Mei 2018, 05:35 WIB</div></div>
    <div class="detail_text" id="detikdetailtext"><b>Jakarta</b> - {story}</div></body></html>"""
    record = extract_page(html, "https://news.detik.com/berita/3998894/posko-air", facts=False)
    assert record["extraction"] == "site:detik"
    assert record["text"].split("\n") == [f"Jakarta - {PARAS[0]}", *PARAS[1:]]
