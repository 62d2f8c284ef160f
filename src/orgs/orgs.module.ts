import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { Membership, MembershipSchema } from './membership.schema.js';
import { MembershipsRepository } from './memberships.repository.js';
import { OrgAccess } from './org-access.js';
import { Organization, OrganizationSchema } from './organization.schema.js';
import { OrganizationsRepository } from './organizations.repository.js';

/** Organization data and the tenant check; the routes live in OrgRoutesModule, which also needs the audit log. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Organization.name, schema: OrganizationSchema },
      { name: Membership.name, schema: MembershipSchema },
    ]),
  ],
  providers: [OrganizationsRepository, MembershipsRepository, OrgAccess],
  exports: [OrganizationsRepository, MembershipsRepository, OrgAccess],
})
export class OrgsModule {}
