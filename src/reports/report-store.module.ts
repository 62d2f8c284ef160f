import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Report, ReportSchema } from './report.schema.js';
import { ReportFiles } from './report-files.js';
import { ReportsRepository } from './reports.repository.js';

/** Report documents and their files, shared by the API's routes and the worker's generator. */
@Module({
  imports: [MongooseModule.forFeature([{ name: Report.name, schema: ReportSchema }])],
  providers: [ReportsRepository, ReportFiles],
  exports: [ReportsRepository, ReportFiles],
})
export class ReportStoreModule {}
