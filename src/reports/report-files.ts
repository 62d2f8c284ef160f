import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { type Connection, mongo, Types } from 'mongoose';

/** Report files in GridFS (bucket `reports`), each tagged with its organization and report. */
@Injectable()
export class ReportFiles {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private bucket() {
    return new mongo.GridFSBucket(this.connection.db!, { bucketName: 'reports' });
  }

  openUpload(orgId: string, reportId: string, filename: string) {
    return this.bucket().openUploadStream(filename, { metadata: { orgId, reportId } });
  }

  /** `end` is inclusive, as in an HTTP Range. */
  openDownload(fileId: Types.ObjectId, range?: { start: number; end: number }) {
    return this.bucket().openDownloadStream(fileId, range ? { start: range.start, end: range.end + 1 } : {});
  }

  /** Deleting a file that is already gone is not an error: a sweep and a DELETE may meet. */
  async delete(fileId: Types.ObjectId): Promise<void> {
    await this.bucket()
      .delete(fileId)
      .catch((error: unknown) => {
        if (!(error instanceof Error && /File not found/i.test(error.message))) throw error;
      });
  }

  /** Removes a partial upload by id, chunks included (for a cancelled or failed run). */
  async deleteById(fileId: unknown): Promise<void> {
    if (fileId instanceof Types.ObjectId) await this.delete(fileId);
  }
}
