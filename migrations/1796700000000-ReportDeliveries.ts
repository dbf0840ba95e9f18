import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * E-mail deliveries of generated reports (issue 13): one row per report version and recipient (unique, so a
 * version is queued to an address once), its state (pending, sending, sent, failed), attempts, the next
 * attempt's time, the last error and the Message-ID, and the claim of the process sending it.
 */
export class ReportDeliveries1796700000000 implements MigrationInterface {
    name = 'ReportDeliveries1796700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "report_deliveries" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "report_id" uuid NOT NULL,
                "recipient" text NOT NULL,
                "status" text NOT NULL,
                "attempts" integer NOT NULL DEFAULT '0',
                "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "last_error" text,
                "message_id" text,
                "sent_at" TIMESTAMP WITH TIME ZONE,
                "claimed_by" text,
                "claimed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "UQ_0b4b3ee3cf103d61f8ee40e5077" UNIQUE ("report_id", "recipient"),
                CONSTRAINT "PK_a1ae81137e17c6c6379c70982d2" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_ff30f18c72a22bf5e129df308e" ON "report_deliveries" ("status", "next_attempt_at")
        `);
        await queryRunner.query(`
            ALTER TABLE "report_deliveries"
            ADD CONSTRAINT "FK_fd2ec75efec89b2c20d646e512a" FOREIGN KEY ("report_id") REFERENCES "reports"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "report_deliveries" DROP CONSTRAINT "FK_fd2ec75efec89b2c20d646e512a"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ff30f18c72a22bf5e129df308e"
        `);
        await queryRunner.query(`
            DROP TABLE "report_deliveries"
        `);
    }

}
