import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { entityName } from './entityOwners';
import { ChangePermission } from './useChangePermission';

/**
 * Says why change controls are disabled and who can act: shown next to the controls (a
 * tooltip on a disabled button is invisible to keyboards and touch screens).
 */
export const PermissionNotice = (props: {
  permission: ChangePermission;
  /** What the controls do, e.g. "change this fleet", "start runbooks on video-api". */
  action: string;
  owners: string[];
}) => {
  const { permission, action, owners } = props;
  if (permission.allowed || permission.loading) return null;
  const name = entityName(permission.resourceRef);
  return (
    <Typography variant="body2" color="textSecondary" data-testid="permission-notice" style={{ marginTop: 8 }}>
      You cannot {action}: only the owners of {name} can
      {owners.length > 0 ? (
        <>
          {' '}(<EntityRefLinks entityRefs={owners} defaultKind="group" />). Ask one of them to make the change, or to
          add you to the owning group.
        </>
      ) : (
        '. Ask an owner of it to make the change, or to add you to the owning group.'
      )}
    </Typography>
  );
};
