/**
 * The import formats: for each, how its files are split into records, the source name its incidents are
 * keyed under by default, and the mapper that turns one record into a MappedIncident. Options common to
 * every format (time zone, value map) and per-format ones (column map, incident.io config) are checked here
 * once, before any record is read, so a bad option fails the import at once with a message naming it.
 * Pure: no Nest, no TypeORM.
 */
import { IANAZone } from 'luxon';
import { InvalidInputError } from '../common/errors.js';
import { checkColumnMapHeader, mapColumnMappedRow, parseColumnMap, parseValueMap } from './formats/column-map.mapper.js';
import { mapGcpIncident } from './formats/gcp.mapper.js';
import { checkHindsightCsvHeader, mapHindsightCsvRow } from './formats/hindsight-csv.mapper.js';
import { mapHindsightJsonRecord } from './formats/hindsight-json.mapper.js';
import { INCIDENTIO_RECORDS_KEY, mapIncidentIoIncident, parseIncidentIoConfig, DEFAULT_INCIDENTIO_CONFIG } from './formats/incidentio.mapper.js';
import type { MapOptions, MappedIncident } from './formats/mapped-incident.js';
import { mapPagerDutyAnalyticsIncident, PAGERDUTY_ANALYTICS_ZONE_KEY } from './formats/pagerduty-analytics.mapper.js';
import { mapPagerDutyIncident, PAGERDUTY_RECORDS_KEY } from './formats/pagerduty.mapper.js';
import { mapStatuspageIncident, STATUSPAGE_RECORDS_KEY } from './formats/statuspage.mapper.js';
import type { EnvelopeValues } from './readers/json-records.js';

export const IMPORT_FORMATS = ['hindsight-csv', 'hindsight-json', 'csv', 'statuspage', 'gcp', 'pagerduty', 'pagerduty-analytics', 'incidentio'] as const;
export type ImportFormatName = (typeof IMPORT_FORMATS)[number];

/** Options as a user gives them (CLI flags, multipart fields). */
export interface ImportOptionsInput {
  /** IANA zone for timestamps without an offset. */
  timezone?: string;
  /** `--map target=column` (csv). */
  map?: string[];
  /** `--value field:from=to`. */
  value?: string[];
  delimiter?: ',' | ';' | 'auto';
  encoding?: 'utf-8' | 'windows-1252' | 'latin1';
  /** incident.io: the parsed JSON of the mapping config file. */
  incidentioConfig?: unknown;
}

/** `csv` files are split into rows, `json` into records; `sniff` decides from the first character of the file. */
export type FileKind = 'csv' | 'json' | 'sniff';

export interface ImportFormat {
  name: ImportFormatName;
  description: string;
  defaultSource: string;
  fileKind: FileKind;
  /** The property of a wrapper object that holds the records (`{ "incidents": [...] }`). */
  recordsKey?: string;
  /**
   * Properties of the wrapper object (beside `recordsKey`) that the records need, read in a first pass over a JSON
   * file (readEnvelope) so that they count wherever they are, after the records included.
   */
  envelopeKeys?: readonly string[];
  /**
   * The record mapper for this run; `header` is the CSV header (null for JSON), `envelope` the values of `envelopeKeys`
   * the file holds. Throws InvalidInputError for a bad header or envelope value.
   */
  prepare(options: ImportOptionsInput, header: string[] | null, envelope: EnvelopeValues): (record: unknown) => MappedIncident;
}

const asRow = (record: unknown) => record as Record<string, string>;

function mapOptions(options: ImportOptionsInput): MapOptions {
  return { timezone: options.timezone, values: options.value?.length ? parseValueMap(options.value) : undefined };
}

/** prepare() of a format whose mapper needs only the common options. */
const withCommonOptions = (map: (record: unknown, options: MapOptions) => MappedIncident) => (options: ImportOptionsInput) => {
  const common = mapOptions(options);
  return (record: unknown) => map(record, common);
};

/** Turns an Error thrown by a header or option check into the 400 a user sees. */
function asInput<T>(field: string, value: unknown, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new InvalidInputError(field, value, (error as Error).message);
  }
}

export const FORMATS: Record<ImportFormatName, ImportFormat> = {
  'hindsight-csv': {
    name: 'hindsight-csv', description: "Hindsight's own CSV: one row per incident, the documented header", defaultSource: 'hindsight', fileKind: 'csv',
    prepare(options, header) {
      asInput('header', header, () => checkHindsightCsvHeader(header ?? []));
      const map = mapOptions(options);
      return (record) => mapHindsightCsvRow(asRow(record), map);
    },
  },
  'hindsight-json': {
    name: 'hindsight-json', description: "Hindsight's own JSON: the API's incident shape, as an array or NDJSON", defaultSource: 'hindsight', fileKind: 'json', recordsKey: 'items',
    prepare: withCommonOptions(mapHindsightJsonRecord),
  },
  csv: {
    name: 'csv', description: 'Any CSV, through a column map (--map) and a value map (--value)', defaultSource: 'csv', fileKind: 'csv',
    prepare(options, header) {
      const parsed = asInput('map', options.map, () => parseColumnMap(options.map ?? []));
      const effective = asInput('map', options.map, () => checkColumnMapHeader(parsed, header ?? []));
      const map = mapOptions(options);
      return (record) => mapColumnMappedRow(asRow(record), effective, map);
    },
  },
  statuspage: {
    name: 'statuspage', description: 'Atlassian Statuspage v2 incidents.json (or one incident)', defaultSource: 'statuspage', fileKind: 'json', recordsKey: STATUSPAGE_RECORDS_KEY,
    prepare: withCommonOptions(mapStatuspageIncident),
  },
  gcp: {
    name: 'gcp', description: 'Google Cloud status incidents.json', defaultSource: 'gcp', fileKind: 'json',
    prepare: withCommonOptions(mapGcpIncident),
  },
  pagerduty: {
    name: 'pagerduty', description: 'PagerDuty REST v2 incidents, with log_entries when present', defaultSource: 'pagerduty', fileKind: 'json', recordsKey: PAGERDUTY_RECORDS_KEY,
    prepare: withCommonOptions(mapPagerDutyIncident),
  },
  'pagerduty-analytics': {
    name: 'pagerduty-analytics', description: 'PagerDuty analytics raw-incident export, CSV or JSON', defaultSource: 'pagerduty', fileKind: 'sniff', recordsKey: 'data',
    // The API answers timestamps without an offset and names their zone in the envelope: {"data": [...], "time_zone": "Etc/UTC"}.
    envelopeKeys: [PAGERDUTY_ANALYTICS_ZONE_KEY],
    prepare(options, _header, envelope) {
      const map = { ...mapOptions(options), timezone: options.timezone ?? envelopeTimeZone(envelope, PAGERDUTY_ANALYTICS_ZONE_KEY) };
      return (record) => mapPagerDutyAnalyticsIncident(record, map);
    },
  },
  incidentio: {
    name: 'incidentio', description: 'incident.io v2 incidents; timestamps mapped to milestones by a config file', defaultSource: 'incident.io', fileKind: 'json', recordsKey: INCIDENTIO_RECORDS_KEY,
    prepare(options) {
      const config = options.incidentioConfig === undefined
        ? DEFAULT_INCIDENTIO_CONFIG
        : asInput('config', '(incident.io config file)', () => parseIncidentIoConfig(options.incidentioConfig));
      const map = { ...mapOptions(options), config };
      return (record) => mapIncidentIoIncident(record, map);
    },
  },
};

/**
 * The IANA zone an envelope names under `key` (undefined when it names none); a zone that is not IANA, or two
 * envelopes of one file naming different zones, is a 400 that says how to name the zone instead.
 */
export function envelopeTimeZone(envelope: EnvelopeValues, key: string): string | undefined {
  const zones = envelope[key] ?? [];
  if (zones.length === 0) return undefined;
  if (zones.length > 1) {
    throw new InvalidInputError(key, zones, "differs between the file's envelopes; import them one file each, or name the zone of every timestamp with --timezone");
  }
  const [zone] = zones;
  if (typeof zone !== 'string' || !IANAZone.isValidZone(zone)) {
    throw new InvalidInputError(key, zone, "in the file's envelope is not an IANA time zone; name the zone of its timestamps with --timezone (e.g. UTC)");
  }
  return zone;
}

/** The format, or a 400 listing the known ones. */
export function importFormat(name: string): ImportFormat {
  if (!(IMPORT_FORMATS as readonly string[]).includes(name)) {
    throw new InvalidInputError('format', name, `is not a known import format; use one of ${IMPORT_FORMATS.join(', ')}`);
  }
  return FORMATS[name as ImportFormatName];
}

/** Checks the options every format shares, before any file is read. */
export function checkCommonOptions(options: ImportOptionsInput): void {
  if (options.timezone !== undefined && !IANAZone.isValidZone(options.timezone)) {
    throw new InvalidInputError('timezone', options.timezone, 'is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)');
  }
  if (options.value?.length) asInput('value', options.value, () => parseValueMap(options.value!));
  if (options.map?.length) asInput('map', options.map, () => parseColumnMap(options.map!));
}
