/** What every part the `.xlsx` writers make shares: the XML declaration and the package namespaces. */
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Office document relationships (`r:id` attributes, relationship types). */
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/** A relationships part (`_rels/*.rels`). */
export const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
