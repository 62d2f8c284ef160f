import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Membership, MembershipSchema } from './membership.schema.js';
import { MembershipsRepository } from './memberships.repository.js';
import { Organization, OrganizationSchema } from './organization.schema.js';
import { OrganizationsRepository } from './organizations.repository.js';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Organization.name, schema: OrganizationSchema },
      { name: Membership.name, schema: MembershipSchema },
    ]),
  ],
  providers: [OrganizationsRepository, MembershipsRepository],
  exports: [OrganizationsRepository, MembershipsRepository],
})
export class OrgsModule {}
