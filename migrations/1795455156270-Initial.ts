import { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795455156270 implements MigrationInterface {
    name = 'Initial1795455156270'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "severity_levels" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" text NOT NULL,
                "name" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "rank" integer NOT NULL,
                "ack_target_seconds" integer,
                "mitigate_target_seconds" integer,
                "resolve_target_seconds" integer,
                "update_cadence_seconds" integer,
                "retro_due_business_hours" integer,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_a4a6710a41706cdb5277099e124" UNIQUE ("key"),
                CONSTRAINT "UQ_fdef548a8a695eede913bc6397e" UNIQUE ("rank"),
                CONSTRAINT "PK_b584304e4df668b7a4ce36f3546" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "teams" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "paging_schedule_url" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_48c0c32e6247a2de155baeaf980" UNIQUE ("name"),
                CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "incidents" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "key" text NOT NULL,
                "title" text NOT NULL,
                "functionality" text,
                "state" text,
                "audience" text,
                "severity_id" uuid NOT NULL,
                "peak_severity_id" uuid NOT NULL,
                "owning_team_id" uuid,
                "customer_impact" text NOT NULL DEFAULT '',
                "impact_scope" text NOT NULL DEFAULT 'unknown',
                "known_customers_impacted" text array NOT NULL DEFAULT '{}',
                "commander" text,
                "investigator" text,
                "comms" text,
                "scribe" text,
                "tags" text array NOT NULL DEFAULT '{}',
                "source" text NOT NULL DEFAULT 'hindsight',
                "external_id" text,
                "source_payload" jsonb,
                "excluded_from_metrics" boolean NOT NULL DEFAULT false,
                "exclusion_reason" text,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "detected_at" TIMESTAMP WITH TIME ZONE,
                "acknowledged_at" TIMESTAMP WITH TIME ZONE,
                "investigating_at" TIMESTAMP WITH TIME ZONE,
                "identified_at" TIMESTAMP WITH TIME ZONE,
                "mitigated_at" TIMESTAMP WITH TIME ZONE,
                "resolved_at" TIMESTAMP WITH TIME ZONE,
                "retro_prep_at" TIMESTAMP WITH TIME ZONE,
                "retro_done_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_1c183b9fe1f64fab57f676640ea" UNIQUE ("key"),
                CONSTRAINT "uq_incidents_source_external_id" UNIQUE ("source", "external_id"),
                CONSTRAINT "PK_ccb34c01719889017e2246469f9" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_0c0217be8aaadcfd6ef214de85" ON "incidents" ("severity_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_829e49c6eb507dfe721e46603e" ON "incidents" ("peak_severity_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_19851525f8742cb131d0115ed3" ON "incidents" ("owning_team_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_002e1b0cc0e38b3560f70dc220" ON "incidents" ("started_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "retro_templates" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "version" integer NOT NULL,
                "questions" jsonb NOT NULL,
                "is_default" boolean NOT NULL DEFAULT false,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "uq_retro_templates_name_version" UNIQUE ("name", "version"),
                CONSTRAINT "PK_8d16e055f73f966a5bebfd84823" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "retrospectives" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "incident_id" uuid NOT NULL,
                "template_id" uuid NOT NULL,
                "facilitator" text,
                "attendees" text array NOT NULL DEFAULT '{}',
                "scheduled_at" TIMESTAMP WITH TIME ZONE,
                "held_at" TIMESTAMP WITH TIME ZONE,
                "status" text NOT NULL DEFAULT 'draft',
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "REL_2fb32584d8b6cbc5bd473bd92e" UNIQUE ("incident_id"),
                CONSTRAINT "PK_bb2dfd48493b3906269b2de23c7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "action_items" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "incident_id" uuid NOT NULL,
                "retrospective_id" uuid,
                "title" text NOT NULL,
                "description" text NOT NULL DEFAULT '',
                "owner" text,
                "team_id" uuid,
                "priority" text NOT NULL DEFAULT 'medium',
                "due_date" date,
                "status" text NOT NULL DEFAULT 'open',
                "completed_at" TIMESTAMP WITH TIME ZONE,
                "external_url" text,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_5a84b168b001636b379312104ab" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7449f643e378cd2dcfe6c2b675" ON "action_items" ("incident_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9f251c818e64dd3f030a6a140d" ON "action_items" ("team_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3bb63c61b223acbec83f38add3" ON "action_items" ("status", "due_date")
        `);
        await queryRunner.query(`
            CREATE TABLE "incident_key_counters" (
                "year" integer NOT NULL,
                "last_seq" integer NOT NULL,
                CONSTRAINT "PK_58d94a9e47b923deaaab0c6a673" PRIMARY KEY ("year")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "services" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "kind" text NOT NULL DEFAULT 'internal',
                "functionality" text NOT NULL DEFAULT '',
                "owning_team_id" uuid,
                "paging_schedule_url" text,
                "support_url" text,
                "status_page_url" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_019d74f7abcdcb5a0113010cb03" UNIQUE ("name"),
                CONSTRAINT "PK_ba2d347a3168a296416c6c5ccb2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5f4ceb14eade0025572cbac233" ON "services" ("owning_team_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "incident_services" (
                "incident_id" uuid NOT NULL,
                "service_id" uuid NOT NULL,
                CONSTRAINT "PK_01487a5ba832cd2abc6ac69596a" PRIMARY KEY ("incident_id", "service_id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_01487a5ba832cd2abc6ac69596" ON "incident_services" ("service_id", "incident_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "severity_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "incident_id" uuid NOT NULL,
                "from_severity_id" uuid,
                "to_severity_id" uuid NOT NULL,
                "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "changed_by" text,
                "reason" text NOT NULL DEFAULT '',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_d28dfe027cbd3008489064a9fbe" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_cf6a4edc00cafe519b3011287e" ON "severity_changes" ("incident_id", "changed_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "retro_answers" (
                "retrospective_id" uuid NOT NULL,
                "question_key" text NOT NULL,
                "answer" text NOT NULL,
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_f60f552b523ff7f25bf974d8a36" PRIMARY KEY ("retrospective_id", "question_key")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "timeline_entries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "incident_id" uuid NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "kind" text NOT NULL,
                "author" text,
                "body" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_6a83c1403a1bb1f7619bd80f2b7" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a5a2d3cf1b1c511d26673c22f1" ON "timeline_entries" ("incident_id", "occurred_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents"
            ADD CONSTRAINT "FK_0c0217be8aaadcfd6ef214de854" FOREIGN KEY ("severity_id") REFERENCES "severity_levels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents"
            ADD CONSTRAINT "FK_829e49c6eb507dfe721e46603e2" FOREIGN KEY ("peak_severity_id") REFERENCES "severity_levels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents"
            ADD CONSTRAINT "FK_19851525f8742cb131d0115ed35" FOREIGN KEY ("owning_team_id") REFERENCES "teams"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "retrospectives"
            ADD CONSTRAINT "FK_2fb32584d8b6cbc5bd473bd92e8" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "retrospectives"
            ADD CONSTRAINT "FK_768aa84e3c6586a34d5f116a3e7" FOREIGN KEY ("template_id") REFERENCES "retro_templates"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_items"
            ADD CONSTRAINT "FK_7449f643e378cd2dcfe6c2b675d" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_items"
            ADD CONSTRAINT "FK_42075269af6777b2d6ccd7dfd98" FOREIGN KEY ("retrospective_id") REFERENCES "retrospectives"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "action_items"
            ADD CONSTRAINT "FK_9f251c818e64dd3f030a6a140d5" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "services"
            ADD CONSTRAINT "FK_5f4ceb14eade0025572cbac2330" FOREIGN KEY ("owning_team_id") REFERENCES "teams"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_services"
            ADD CONSTRAINT "FK_386fd67f26b5dfe5558efdf1b83" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_services"
            ADD CONSTRAINT "FK_330d291573de0921b5341d4f562" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "severity_changes"
            ADD CONSTRAINT "FK_a1ad11706947e0d53667bf63519" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "severity_changes"
            ADD CONSTRAINT "FK_2ce29ace5228aeb4359513e2c8c" FOREIGN KEY ("from_severity_id") REFERENCES "severity_levels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "severity_changes"
            ADD CONSTRAINT "FK_4d3d574ac301ba5df026087852d" FOREIGN KEY ("to_severity_id") REFERENCES "severity_levels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "retro_answers"
            ADD CONSTRAINT "FK_0276261877167d73b9f29840718" FOREIGN KEY ("retrospective_id") REFERENCES "retrospectives"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "timeline_entries"
            ADD CONSTRAINT "FK_cf5eac1a4992a2e572850c26133" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "timeline_entries" DROP CONSTRAINT "FK_cf5eac1a4992a2e572850c26133"
        `);
        await queryRunner.query(`
            ALTER TABLE "retro_answers" DROP CONSTRAINT "FK_0276261877167d73b9f29840718"
        `);
        await queryRunner.query(`
            ALTER TABLE "severity_changes" DROP CONSTRAINT "FK_4d3d574ac301ba5df026087852d"
        `);
        await queryRunner.query(`
            ALTER TABLE "severity_changes" DROP CONSTRAINT "FK_2ce29ace5228aeb4359513e2c8c"
        `);
        await queryRunner.query(`
            ALTER TABLE "severity_changes" DROP CONSTRAINT "FK_a1ad11706947e0d53667bf63519"
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_services" DROP CONSTRAINT "FK_330d291573de0921b5341d4f562"
        `);
        await queryRunner.query(`
            ALTER TABLE "incident_services" DROP CONSTRAINT "FK_386fd67f26b5dfe5558efdf1b83"
        `);
        await queryRunner.query(`
            ALTER TABLE "services" DROP CONSTRAINT "FK_5f4ceb14eade0025572cbac2330"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_items" DROP CONSTRAINT "FK_9f251c818e64dd3f030a6a140d5"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_items" DROP CONSTRAINT "FK_42075269af6777b2d6ccd7dfd98"
        `);
        await queryRunner.query(`
            ALTER TABLE "action_items" DROP CONSTRAINT "FK_7449f643e378cd2dcfe6c2b675d"
        `);
        await queryRunner.query(`
            ALTER TABLE "retrospectives" DROP CONSTRAINT "FK_768aa84e3c6586a34d5f116a3e7"
        `);
        await queryRunner.query(`
            ALTER TABLE "retrospectives" DROP CONSTRAINT "FK_2fb32584d8b6cbc5bd473bd92e8"
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents" DROP CONSTRAINT "FK_19851525f8742cb131d0115ed35"
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents" DROP CONSTRAINT "FK_829e49c6eb507dfe721e46603e2"
        `);
        await queryRunner.query(`
            ALTER TABLE "incidents" DROP CONSTRAINT "FK_0c0217be8aaadcfd6ef214de854"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a5a2d3cf1b1c511d26673c22f1"
        `);
        await queryRunner.query(`
            DROP TABLE "timeline_entries"
        `);
        await queryRunner.query(`
            DROP TABLE "retro_answers"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_cf6a4edc00cafe519b3011287e"
        `);
        await queryRunner.query(`
            DROP TABLE "severity_changes"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_01487a5ba832cd2abc6ac69596"
        `);
        await queryRunner.query(`
            DROP TABLE "incident_services"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5f4ceb14eade0025572cbac233"
        `);
        await queryRunner.query(`
            DROP TABLE "services"
        `);
        await queryRunner.query(`
            DROP TABLE "incident_key_counters"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3bb63c61b223acbec83f38add3"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9f251c818e64dd3f030a6a140d"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7449f643e378cd2dcfe6c2b675"
        `);
        await queryRunner.query(`
            DROP TABLE "action_items"
        `);
        await queryRunner.query(`
            DROP TABLE "retrospectives"
        `);
        await queryRunner.query(`
            DROP TABLE "retro_templates"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_002e1b0cc0e38b3560f70dc220"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_19851525f8742cb131d0115ed3"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_829e49c6eb507dfe721e46603e"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_0c0217be8aaadcfd6ef214de85"
        `);
        await queryRunner.query(`
            DROP TABLE "incidents"
        `);
        await queryRunner.query(`
            DROP TABLE "teams"
        `);
        await queryRunner.query(`
            DROP TABLE "severity_levels"
        `);
    }

}
