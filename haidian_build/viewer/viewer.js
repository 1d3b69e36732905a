/* haidian_report annotated reader: details, deep links, filters, search, keyboard.
   Plain ES2017, no libraries, no network: the rows come from the JSON block above. */
(function () {
  "use strict";
{{PARTS}}
})();
