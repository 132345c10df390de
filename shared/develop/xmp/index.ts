/** Lightroom-compatible XMP (crs:) both ways: see ./write.ts and ./read.ts. */
export { writeXmp, TW_XMP_VERSION, type WriteXmpOptions } from './write.ts';
export { readXmp, readXmpProperties, type XmpImport } from './read.ts';
export { parseXml, XmlError, escapeXml } from './xml.ts';
export { readRdf, CRS_NS, TW_NS, RDF_NS } from './rdf.ts';
