import { ServiceFieldsDto } from './service-fields.js';

/** A partial update: only the fields present change; `null` clears the team or a link. Last write wins. */
export class UpdateServiceDto extends ServiceFieldsDto {}
