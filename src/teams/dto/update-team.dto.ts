import { TeamFieldsDto } from './team-fields.js';

/** A partial update: only the fields present change. Teams carry no version: the last write wins. */
export class UpdateTeamDto extends TeamFieldsDto {}
