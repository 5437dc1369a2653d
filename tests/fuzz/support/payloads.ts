/**
 * Hostile strings that a colleague's model file, a rule pack or an imported Threat Dragon / Threat
 * Composer file can carry in any free-text field. Shared by the fuzz generators and the injection
 * tests, so every payload is tried both ways.
 */

/** HTML and script injection. */
export const HTML_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  '<!-- comment -->',
  '<svg/onload=alert(1)>',
  '<iframe src=//evil.example>',
  '&lt;script&gt;',
  '&#60;img src=x onerror=alert(1)&#62;',
  '</td></tr></table><b>',
];

/** Markdown links, images, autolinks and block structure. */
export const MARKDOWN_PAYLOADS = [
  '[click](javascript:alert(1))',
  '[x]( javascript:alert(1) )',
  '![x](http://evil.example/pixel.png)',
  '![x][ref]\n\n[ref]: http://evil.example',
  '<http://evil.example>',
  'http://evil.example/path?q=1',
  'HTTPS://EVIL.EXAMPLE',
  'see www.evil.example now',
  'ftp://evil.example/file',
  '# Heading',
  '### Injected heading',
  'line one\n# heading on line two',
  'text\n---\nsetext',
  'text\n===',
  '- list item',
  '+ list item',
  '1. ordered',
  '1) ordered',
  '> quote',
  '| a | b |\n| --- | --- |',
  'cell | extra | columns',
  'pipe \\| escaped already',
  '`code` and ``double``',
  '```\nfenced\n```',
  '~~~\nfenced\n~~~',
  '    indented code',
  '\tindented with tab',
  '*emph* **strong** _u_ ~~strike~~',
  'back\\slash \\\\ double',
  '[ref]: http://evil.example "title"',
  '<details open><summary>x</summary>',
  'a\r\nb\rc\u2028d\u2029e',
  '\u202eright-to-left override',
];

/** Mermaid breakouts: end the quoted label, end a subgraph, add a click handler, a directive. */
export const MERMAID_PAYLOADS = [
  '"]\n  click c1 "javascript:alert(1)"',
  'x"] --> evil["y',
  'end',
  'x\nend\nsubgraph evil',
  'click c1 call alert(1)',
  "%%{init: {'theme':'dark','securityLevel':'loose'}}%%",
  '%%{init: {"themeCSS": "body{display:none}"}}%%',
  '%% comment',
  'a;b;c',
  '#quot;#lt;script#gt;',
  '#35;',
  'style c1 fill:#f00',
  'x|y|z',
  'x)) y((',
  '<br/>',
];

/** Spreadsheet formula injection (CSV export). */
export const FORMULA_PAYLOADS = [
  '=HYPERLINK("http://evil.example","click")',
  '=1+1',
  "+cmd|' /C calc'!A0",
  '-1',
  '-2+3',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '\r=1+1',
  '=cmd|"/c calc"!A1',
  ' =1+1',
];

/** Terminal and CI-log injection: escape sequences, workflow commands, bidi controls. */
export const CONTROL_PAYLOADS = [
  '\u001b[31mred\u001b[0m',
  '\u001b]0;title\u0007',
  'x\n::error::pwned',
  'x\n::add-mask::secret',
  '\u0000nul',
  '\u0085next-line',
  '\u2066isolate\u2069',
];

/** Prototype-pollution keys. */
export const FORBIDDEN_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

export const ALL_TEXT_PAYLOADS = [
  ...HTML_PAYLOADS,
  ...MARKDOWN_PAYLOADS,
  ...MERMAID_PAYLOADS,
  ...FORMULA_PAYLOADS,
  ...CONTROL_PAYLOADS,
];
