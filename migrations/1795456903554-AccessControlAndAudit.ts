import { MigrationInterface, QueryRunner } from "typeorm";

export class AccessControlAndAudit1795456903554 implements MigrationInterface {
    name = 'AccessControlAndAudit1795456903554'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "audit_events" (
                "id" BIGSERIAL NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "actor_type" text NOT NULL,
                "actor_id" text,
                "actor_name" text NOT NULL,
                "action" text NOT NULL,
                "entity_type" text NOT NULL,
                "entity_id" text,
                "entity_label" text,
                "incident_id" uuid,
                "before" jsonb,
                "after" jsonb,
                "request_id" text,
                "ip" text,
                CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_4e139cc590fd5127ecc451472e" ON "audit_events" ("occurred_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_68d908019304f757740bc47a0a" ON "audit_events" ("action")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_04b64b0ec3ffc79fc782124adc" ON "audit_events" ("incident_id", "occurred_at")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_1c7d4879956fd96c1c280634f0" ON "audit_events" ("entity_type", "entity_id", "occurred_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "users" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "username" text NOT NULL,
                "display_name" text NOT NULL DEFAULT '',
                "role" text NOT NULL,
                "password_hash" text,
                "must_change_password" boolean NOT NULL DEFAULT false,
                "password_expires_at" TIMESTAMP WITH TIME ZONE,
                "disabled_at" TIMESTAMP WITH TIME ZONE,
                "last_sign_in_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_fe0bb3f6520ee0469504521e710" UNIQUE ("username"),
                CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "api_tokens" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "role" text NOT NULL,
                "secret_hash" text NOT NULL,
                "prefix" text NOT NULL,
                "created_by_id" uuid,
                "created_by_name" text,
                "expires_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_cb9fafc3afcc49346322334dead" UNIQUE ("name"),
                CONSTRAINT "UQ_7e7249acb8127967fc6b8907d60" UNIQUE ("secret_hash"),
                CONSTRAINT "PK_c587455266b5fa8dace7194caac" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "sessions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "secret_hash" text NOT NULL,
                "csrf_token" text NOT NULL,
                "user_id" uuid,
                "token_id" uuid,
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_c87374a0f3680f755b9f56e5d66" UNIQUE ("secret_hash"),
                CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_085d540d9f418cfbdc7bd55bb1" ON "sessions" ("user_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d1435389d333653c16e7b19af1" ON "sessions" ("token_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "api_tokens"
            ADD CONSTRAINT "FK_a17eb380a7c7622315c02725aff" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE
            SET NULL ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions"
            ADD CONSTRAINT "FK_d1435389d333653c16e7b19af11" FOREIGN KEY ("token_id") REFERENCES "api_tokens"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_d1435389d333653c16e7b19af11"
        `);
        await queryRunner.query(`
            ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"
        `);
        await queryRunner.query(`
            ALTER TABLE "api_tokens" DROP CONSTRAINT "FK_a17eb380a7c7622315c02725aff"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d1435389d333653c16e7b19af1"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_085d540d9f418cfbdc7bd55bb1"
        `);
        await queryRunner.query(`
            DROP TABLE "sessions"
        `);
        await queryRunner.query(`
            DROP TABLE "api_tokens"
        `);
        await queryRunner.query(`
            DROP TABLE "users"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_1c7d4879956fd96c1c280634f0"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_04b64b0ec3ffc79fc782124adc"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_68d908019304f757740bc47a0a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_4e139cc590fd5127ecc451472e"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_events"
        `);
    }

}
