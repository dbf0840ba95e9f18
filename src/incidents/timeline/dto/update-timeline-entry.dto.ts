import { TimelineEntryFieldsDto } from './timeline-entry-fields.js';

/** A partial update: only the fields present change; `null` clears the author. Entries carry no version: the last write wins. */
export class UpdateTimelineEntryDto extends TimelineEntryFieldsDto {}
