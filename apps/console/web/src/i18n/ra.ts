// The react-admin messages users see most, in Azerbaijani and Russian (the rest fall back to English).
export const raAz = {
  action: {
    save: 'Yadda saxla', cancel: 'Ləğv et', refresh: 'Yenilə', show: 'Göstər', back: 'Geri', confirm: 'Təsdiq et',
    create: 'Yarat', close: 'Bağla', open_menu: 'Menyunu aç', close_menu: 'Menyunu bağla', export: 'İxrac et',
    list: 'Siyahı', sort: 'Sırala', edit: 'Redaktə et', delete: 'Sil', add: 'Əlavə et', remove: 'Sil', search: 'Axtar',
    select_all: 'Hamısını seç', select_row: 'Bu sətri seç', toggle_theme: 'Açıq/qaranlıq rejim',
  },
  boolean: { true: 'Bəli', false: 'Xeyr', null: ' ' },
  page: {
    dashboard: 'İdarə paneli', loading: 'Yüklənir', list: '%{name}', not_found: 'Tapılmadı', error: 'Nəsə səhv getdi',
    empty: 'Hələ %{name} yoxdur.', access_denied: 'Giriş qadağandır', authentication_error: 'Autentifikasiya xətası',
  },
  message: {
    loading: 'Gözləyin', are_you_sure: 'Əminsiniz?', yes: 'Bəli', no: 'Xeyr',
    invalid_form: 'Forma düzgün deyil. Xətaları yoxlayın', access_denied: 'Bu səhifəyə giriş hüququnuz yoxdur',
  },
  navigation: {
    no_results: '%{name} tapılmadı', page_range_info: '%{offsetBegin}-%{offsetEnd} / %{total}',
    page_rows_per_page: 'Səhifədə sətir:', next: 'Növbəti səhifə', previous: 'Əvvəlki səhifə', skip_nav: 'Məzmuna keç',
    current_page: 'Səhifə %{page}', page: '%{page} səhifəsinə keç',
  },
  auth: { logout: 'Çıxış', user_menu: 'Profil', sign_in: 'Daxil ol', username: 'İstifadəçi adı', password: 'Şifrə' },
  notification: {
    created: 'Yaradıldı', updated: 'Yeniləndi', deleted: 'Silindi', logged_out: 'Sessiyanız bitdi, yenidən daxil olun.',
    http_error: 'Serverlə əlaqə xətası', not_authorized: 'Bu resursa giriş icazəniz yoxdur.',
  },
  validation: { required: 'Mütləqdir', number: 'Rəqəm olmalıdır', minValue: 'Ən azı %{min} olmalıdır' },
};

export const raRu = {
  action: {
    save: 'Сохранить', cancel: 'Отмена', refresh: 'Обновить', show: 'Показать', back: 'Назад', confirm: 'Подтвердить',
    create: 'Создать', close: 'Закрыть', open_menu: 'Открыть меню', close_menu: 'Закрыть меню', export: 'Экспорт',
    list: 'Список', sort: 'Сортировать', edit: 'Изменить', delete: 'Удалить', add: 'Добавить', remove: 'Удалить',
    search: 'Поиск', select_all: 'Выбрать все', select_row: 'Выбрать строку', toggle_theme: 'Светлая/тёмная тема',
  },
  boolean: { true: 'Да', false: 'Нет', null: ' ' },
  page: {
    dashboard: 'Главная', loading: 'Загрузка', list: '%{name}', not_found: 'Не найдено', error: 'Что-то пошло не так',
    empty: '%{name} пока нет.', access_denied: 'Доступ запрещён', authentication_error: 'Ошибка аутентификации',
  },
  message: {
    loading: 'Подождите', are_you_sure: 'Вы уверены?', yes: 'Да', no: 'Нет',
    invalid_form: 'Форма заполнена неверно. Проверьте ошибки', access_denied: 'У вас нет прав на эту страницу',
  },
  navigation: {
    no_results: '%{name} не найдено', page_range_info: '%{offsetBegin}-%{offsetEnd} из %{total}',
    page_rows_per_page: 'Строк на странице:', next: 'Следующая страница', previous: 'Предыдущая страница',
    skip_nav: 'Перейти к содержимому', current_page: 'Страница %{page}', page: 'Перейти на страницу %{page}',
  },
  auth: { logout: 'Выйти', user_menu: 'Профиль', sign_in: 'Войти', username: 'Имя пользователя', password: 'Пароль' },
  notification: {
    created: 'Создано', updated: 'Обновлено', deleted: 'Удалено', logged_out: 'Сеанс завершён, войдите снова.',
    http_error: 'Ошибка связи с сервером', not_authorized: 'У вас нет доступа к этому ресурсу.',
  },
  validation: { required: 'Обязательно', number: 'Должно быть числом', minValue: 'Не меньше %{min}' },
};
